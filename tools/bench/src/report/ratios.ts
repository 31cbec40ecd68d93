/** The figures the targets are about, computed from one run's rows. */
import type { BenchReport, TargetName } from '../run/bench-report.js';
import { TARGETS } from '../run/bench-report.js';
import type { ScenarioKey } from '../run/scenarios.js';

export const GOALS = {
  /** Service throughput ÷ bare Fastify on the same driver, at least. */
  throughputShare: 0.85,
  /** Service p99 ÷ bare p99, at most. */
  p99Factor: 1.5,
  startToReadyMs: 250,
  residentMb: 100,
} as const;

export const PAIRS = [
  { database: 'SQLite', service: TARGETS.serviceSqlite, bare: TARGETS.bareSqlite },
  { database: 'PostgreSQL', service: TARGETS.servicePostgres, bare: TARGETS.barePostgres },
] as const;

export interface PairRatios {
  database: string;
  /** Service ÷ bare, by scenario. */
  throughput: Record<'get' | 'post', number>;
  p99: Record<'get' | 'post', number>;
  /** The service's GET / ÷ raw node:http's. */
  rootOfRaw: number;
  /** Server CPU time per request (the Node process; PostgreSQL's own is not in it), service ÷ bare. */
  cpu: Record<'get' | 'post', number>;
}

function row(report: BenchReport, target: TargetName, scenario: ScenarioKey) {
  const found = report.rows.find((r) => r.target === target && r.scenario === scenario);
  if (found === undefined) throw new Error(`the run has no row for ${target}, ${scenario}`);
  return found;
}

const result = (report: BenchReport, target: TargetName, scenario: ScenarioKey) =>
  row(report, target, scenario).result;

export function pairRatios(report: BenchReport): PairRatios[] {
  const raw = result(report, TARGETS.raw, 'root');
  return PAIRS.map(({ database, service, bare }) => {
    const ratio = (scenario: 'get' | 'post', figure: 'requestsPerSecond' | 'p99Ms') =>
      result(report, service, scenario)[figure] / result(report, bare, scenario)[figure];
    const cpu = (scenario: 'get' | 'post') =>
      row(report, service, scenario).serverCpuUs / row(report, bare, scenario).serverCpuUs;
    return {
      database,
      cpu: { get: cpu('get'), post: cpu('post') },
      throughput: { get: ratio('get', 'requestsPerSecond'), post: ratio('post', 'requestsPerSecond') },
      p99: { get: ratio('get', 'p99Ms'), post: ratio('post', 'p99Ms') },
      rootOfRaw: result(report, service, 'root').requestsPerSecond / raw.requestsPerSecond,
    };
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
