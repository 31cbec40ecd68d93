/** What one run of the benchmark measured: the data every report is rendered from. */
import type { LoadResult } from '../load/wrk.js';
import type { CpuPlan } from '../machine/cpu-pinning.js';
import type { MachineFacts } from '../machine/machine-facts.js';
import type { ProfileSummary } from '../profile/layer-summary.js';
import type { PeerKind } from '../targets/peer-launch.js';
import type { BenchSettings } from './bench-settings.js';
import type { StartProfile } from './profile-start.js';
import type { ScenarioKey } from './scenarios.js';

export const TARGETS = {
  raw: 'raw node:http' satisfies PeerKind,
  bareSqlite: 'bare Fastify + node:sqlite' satisfies PeerKind,
  serviceSqlite: 'service on SQLite',
  barePostgres: 'bare Fastify + pg' satisfies PeerKind,
  servicePostgres: 'service on PostgreSQL',
} as const;
export type TargetName = (typeof TARGETS)[keyof typeof TARGETS];

export interface Row {
  target: TargetName;
  scenario: ScenarioKey;
  /** Which round of its pair (1 for the rows that are not paired). */
  round: number;
  result: LoadResult;
  /** CPU time of the server process during the measured seconds, per request, in µs. */
  serverCpuUs: number;
  /** The same for PostgreSQL (every backend), on the rows that use it. */
  databaseCpuUs?: number;
}

export interface ProfileRun {
  database: 'SQLite' | 'PostgreSQL';
  scenario: ScenarioKey;
  summary: ProfileSummary;
}

export interface BenchReport {
  settings: BenchSettings;
  machine: MachineFacts;
  cpus: CpuPlan;
  rows: Row[];
  /** Resident memory of each target after its rows. */
  residentMb: Partial<Record<TargetName, number>>;
  /** Spawn → /readyz 200 of the bundle, one per start. */
  startToReadyMs: number[];
  /** Spawn → first 200 of bare Fastify with one route, bundled the same way, one per start. */
  referenceStartMs: number[];
  /** One more start under the profiler: where the start-up time goes. */
  startProfile?: StartProfile;
  profiles: ProfileRun[];
}
