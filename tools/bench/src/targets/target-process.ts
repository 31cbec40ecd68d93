/**
 * A server under test as a child process pinned to the server CPU: started, waited for, measured
 * (resident memory) and stopped. taskset execs the program, so the child's pid is the server's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { waitForHttp } from '@slipway/testing';
import { pinnedCommand } from '../machine/cpu-pinning.js';

export interface TargetProcess {
  url: string;
  pid: number;
  /** Spawn → the readiness URL answered as expected, in milliseconds. */
  startMs: number;
  /** Resident set size now (VmRSS), in MB. */
  residentMb(): number;
  /** SIGTERM and wait for the exit (SIGKILL after 15 s); a CPU profile is written on the way out. */
  stop(): Promise<void>;
}

export interface TargetLaunch {
  /** What the target is, for error messages. */
  name: string;
  cpu: number;
  /** Arguments to `node`. */
  nodeArgs: string[];
  cwd?: string;
  env: Record<string, string>;
  port: number;
  /** Polled until it answers `readyStatus`. */
  readyPath: string;
  readyStatus: number;
}

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export async function startTarget(launch: TargetLaunch): Promise<TargetProcess> {
  const [command, args] = pinnedCommand(launch.cpu, process.execPath, launch.nodeArgs);
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: launch.cwd,
    env: launch.env,
    // Log lines are written (their cost is real) but not kept; errors are kept for the report.
    stdio: ['ignore', openSync('/dev/null', 'w'), 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${launch.port}`;
  const exitedEarly = exited.then(() => {
    throw new Error(`${launch.name} exited before it was ready:\n${stderr.join('')}`);
  });
  // Once the target is ready, its later exit is stop()'s business, not an unhandled rejection.
  exitedEarly.catch(() => {});
  try {
    await Promise.race([
      waitForHttp(`${url}${launch.readyPath}`, {
        status: launch.readyStatus,
        intervalMs: 2,
        timeoutMs: 30_000,
      }),
      exitedEarly,
    ]);
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
  const startMs = performance.now() - started;
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${launch.name} has no pid`);
  return {
    url,
    pid,
    startMs,
    residentMb: () => residentMb(pid),
    stop: () => stopChild(child, exited),
  };
}
