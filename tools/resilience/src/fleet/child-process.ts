import { type ChildProcess, spawn } from 'node:child_process';

/** A child process with its exit watched and its last output lines kept for error messages. */
export interface WatchedProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The last lines it wrote to stdout and stderr. */
  output: string[];
  /** Resolves when it has exited, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
}

const KEPT_LINES = 200;

export function startWatched(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): WatchedProcess {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output.push(...chunk.split('\n').filter(Boolean));
      if (output.length > KEPT_LINES) output.splice(0, output.length - KEPT_LINES);
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  if (child.pid === undefined) throw new Error(`${name}: ${command} did not start`);
  return {
    name,
    child,
    pid: child.pid,
    output,
    exited,
    isRunning: () => child.exitCode === null && child.signalCode === null,
  };
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopWatched(process: WatchedProcess, graceMs = 10_000): Promise<void> {
  if (!process.isRunning()) return;
  process.child.kill('SIGTERM');
  const timer = setTimeout(() => process.child.kill('SIGKILL'), graceMs);
  await process.exited;
  clearTimeout(timer);
}
