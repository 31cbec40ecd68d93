/**
 * `npm run bench`: runs the whole benchmark (see run/run-benchmark.ts) and writes its section of
 * docs/benchmarks.md, with the command, the machine and the ratios.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BENCHMARKS_DOC, REPOSITORY_ROOT } from '../machine/repository-paths.js';
import { replaceSection, SERVICE_SECTION } from '../report/docs-section.js';
import { renderReport } from '../report/render-report.js';
import { DEFAULT_SETTINGS, SETTING_VARIABLES, settingsFromEnvironment } from '../run/bench-settings.js';
import { runBenchmark } from '../run/run-benchmark.js';

async function main() {
  const settings = settingsFromEnvironment();
  const changed = (Object.keys(SETTING_VARIABLES) as (keyof typeof SETTING_VARIABLES)[])
    .filter((key) => settings[key] !== DEFAULT_SETTINGS[key])
    .map((key) => `${SETTING_VARIABLES[key]}=${settings[key]} `);
  const command = `${changed.join('')}npm run bench`;

  const report = await runBenchmark({ settings, log: (line) => console.error(line) });
  const section = renderReport(report, command);
  writeFileSync(
    BENCHMARKS_DOC,
    replaceSection(readFileSync(BENCHMARKS_DOC, 'utf8'), SERVICE_SECTION, section),
  );
  console.log(`${section}\n\nwritten to ${relative(REPOSITORY_ROOT, BENCHMARKS_DOC)}`);
  const errors = report.rows.reduce((sum, row) => sum + row.result.errors, 0);
  if (errors > 0) {
    console.error(
      `${errors} requests failed: the figures above are not to be trusted (see the errors column)`,
    );
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  // A missing tool, too few CPUs or a bad setting is a sentence, not a stack trace.
  console.error(`npm run bench failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
