import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { treeCpuMs } from '../src/machine/cpu-time.js';

// PostgreSQL's backends come and go during a row; the CPU time of one that has ended must still be
// counted, or a row's figure could shrink (or turn negative) when a connection closes.
it('counts the CPU time of a process tree, children that have ended included', () => {
  const before = treeCpuMs(process.pid);
  // A child that burns at least 300 ms of CPU and exits (waited for, so its time moves to ours).
  execFileSync(process.execPath, ['-e', 'const end = Date.now() + 300; while (Date.now() < end) {}']);
  const used = treeCpuMs(process.pid) - before;
  expect(used).toBeGreaterThanOrEqual(200);
});
