/** The system tools the benchmark runs: wrk (the load generator) and taskset (CPU pinning). */
import { toolAvailable } from '@slipway/testing';

const TOOLS = [
  { command: 'wrk', install: 'apt-get install wrk (Debian/Ubuntu) or brew install wrk' },
  {
    command: 'taskset',
    install: 'it comes with util-linux on Linux; the benchmark pins CPUs, so it runs on Linux only',
  },
] as const;

/** Whether every tool is there, and if not, which is missing and how to get it. */
export function benchTools(): { available: boolean; reason: string } {
  // wrk has no option that exits 0, so ask the shell whether the command exists.
  const missing = TOOLS.filter(({ command }) => !toolAvailable('sh', ['-c', `command -v ${command}`]));
  return {
    available: missing.length === 0,
    reason: missing.map(({ command, install }) => `${command} is not installed (${install})`).join('; '),
  };
}

export function requireBenchTools(): void {
  const tools = benchTools();
  if (!tools.available) throw new Error(tools.reason);
}
