import { expect, it } from 'vitest';
import { runRestoreDrill } from '../src/drill/restore-drill.js';

// The drill at CI size (a few seconds of writes): a base backup under load and a point-in-time
// restore that loses no write acknowledged before the target and keeps none sent after it. RPO
// and RTO are printed; `npm run drill:restore` writes them into docs/resilience.md.
it('restores to a point in time: every write acknowledged before the target is there, none sent after it', async () => {
  const result = await runRestoreDrill({ writeSeconds: 2, writers: 4, archiveTimeoutSeconds: 1 });
  console.log(
    `RPO ${result.missingWrites} of ${result.acknowledgedBeforeTarget} writes; RTO ${result.rtoMs} ms ${JSON.stringify(result.phases)}`,
  );
  expect(result.acknowledgedBeforeTarget).toBeGreaterThan(0);
  expect(result.backup.writesDuring).toBeGreaterThan(0);
  expect(result.missingWrites).toBe(0);
  expect(result.acknowledgedAfterTarget).toBeGreaterThan(0);
  expect(result.presentAfterTarget).toBe(0);
}, 180_000);
