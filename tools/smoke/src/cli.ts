/**
 * `npm run smoke -- <url>`: checks a deployed environment the way a user would. Prints one line
 * per check and exits 1 when any check fails, 2 on bad usage.
 */
import { runSmoke } from './run-smoke.js';
import { parseSmokeOptions, USAGE, UsageError } from './smoke-options.js';
import { formatResult, formatSummary } from './smoke-report.js';

async function main(): Promise<number> {
  let options: ReturnType<typeof parseSmokeOptions>;
  try {
    options = parseSmokeOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`smoke: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const tokenNote = options.token
    ? `token from ${options.tokenVariable}`
    : `no token (${options.tokenVariable} is empty)`;
  console.log(`smoke test of ${options.baseUrl.href} (${tokenNote})`);
  const results = await runSmoke(options, (result) => console.log(formatResult(result)));
  console.log(formatSummary(results, options.baseUrl));
  return results.every((r) => r.ok) ? 0 : 1;
}

process.exitCode = await main();
