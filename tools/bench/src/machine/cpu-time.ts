/**
 * CPU time used by processes, read from /proc as an outsider would: a figure that does not depend
 * on how fast the machine happened to be during a row, unlike requests per second.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { processTree } from './cpu-pinning.js';

let ticksPerSecond: number | undefined;

/** The kernel's clock ticks per second, the unit of /proc/<pid>/stat's times (usually 100). */
function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/**
 * User + system CPU time of `pid` and its descendants so far, in milliseconds, including children
 * that have ended and were waited for (a PostgreSQL backend that closed during the row still
 * counts), so the figure only grows.
 */
export function treeCpuMs(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${member}/stat`, 'utf8');
      // After the command name: state is field 3, so utime, stime, cutime, cstime (14–17) are 11–14 here.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      for (const index of [11, 12, 13, 14]) ticks += Number(fields[index]);
    } catch {
      // Ended while read: its time is in its parent's cutime/cstime from now on.
    }
  }
  return (ticks * 1000) / clockTicks();
}
