import { spawnSync } from 'node:child_process';
import { cpus as osCpus } from 'node:os';
import { toolAvailable } from '@slipway/testing';

/**
 * Which CPUs the servers (HAProxy, the service instances, PostgreSQL) and the load generator run
 * on. Measuring like an outsider means the load generator does not steal the servers' CPU: with
 * two or more CPUs it gets the last one to itself and the servers share the others. With one CPU,
 * or without `taskset`, nothing is pinned and the report says so.
 */
export interface CpuLayout {
  pinned: boolean;
  /** taskset CPU list for the servers, e.g. "0" or "0-2". */
  servers: string;
  /** taskset CPU list for the load generator. */
  load: string;
}

export function cpuLayout(): CpuLayout {
  // The machine's CPUs (availableParallelism() would say 1 once this process is pinned).
  const cpus = osCpus().length;
  if (cpus < 2 || !toolAvailable('taskset', ['--version'])) return { pinned: false, servers: '', load: '' };
  const last = cpus - 1;
  return { pinned: true, servers: last === 1 ? '0' : `0-${last - 1}`, load: String(last) };
}

/** The command and arguments that start `command` on `cpus` (unchanged when nothing is pinned). */
export function onCpus(cpus: string, command: string, args: string[]): [string, string[]] {
  return cpus === '' ? [command, args] : ['taskset', ['-c', cpus, command, ...args]];
}

/** Moves a running process (every thread of it) onto `cpus`; false when that failed. */
export function pinProcess(pid: number, cpus: string): boolean {
  if (cpus === '') return false;
  return spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' }).status === 0;
}

/** The CPU list a process may run on now, as taskset prints it (e.g. "0,1"). */
export function cpusOf(pid: number): string {
  const result = spawnSync('taskset', ['-c', '-p', String(pid)], { encoding: 'utf8' });
  return /:\s*(\S+)\s*$/.exec(result.stdout ?? '')?.[1] ?? '';
}
