import { cpus, loadavg, release } from 'node:os';

export interface MachineFacts {
  cpuModel: string;
  cores: number;
  node: string;
  kernel: string;
  /** ISO 8601, UTC, to the minute. */
  date: string;
  /** One-minute load average when the run started: other work on the machine skews the figures. */
  loadAverage: number;
}

export function machineFacts(): MachineFacts {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    node: process.version,
    kernel: release(),
    date: `${new Date().toISOString().slice(0, 16)}Z`,
    loadAverage: loadavg()[0] ?? 0,
  };
}
