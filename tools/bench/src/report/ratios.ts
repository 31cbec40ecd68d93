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

/** A ratio over the rounds of a pair: the median is the figure, the range shows the drift. */
export interface RoundRatio {
  median: number;
  min: number;
  max: number;
}

export interface PairRatios {
  database: string;
  /** Service ÷ bare, by scenario. */
  throughput: Record<'get' | 'post', RoundRatio>;
  p99: Record<'get' | 'post', RoundRatio>;
  /** The service's GET / ÷ raw node:http's. */
  rootOfRaw: number;
  /** Server CPU time per request (the Node process; PostgreSQL's own is not in it), service ÷ bare. */
  cpu: Record<'get' | 'post', RoundRatio>;
}

function row(report: BenchReport, target: TargetName, scenario: ScenarioKey, round = 1) {
  const found = report.rows.find((r) => r.target === target && r.scenario === scenario && r.round === round);
  if (found === undefined) throw new Error(`the run has no row for ${target}, ${scenario}, round ${round}`);
  return found;
}

/** Service ÷ bare of one figure, round by round (each round's rows were measured side by side). */
function roundRatio(
  report: BenchReport,
  pair: (typeof PAIRS)[number],
  scenario: 'get' | 'post',
  figure: (r: ReturnType<typeof row>) => number,
): RoundRatio {
  const rounds = report.rows
    .filter((r) => r.target === pair.service && r.scenario === scenario)
    .map((r) => r.round);
  const ratios = rounds.map(
    (round) =>
      figure(row(report, pair.service, scenario, round)) / figure(row(report, pair.bare, scenario, round)),
  );
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

export function pairRatios(report: BenchReport): PairRatios[] {
  const raw = row(report, TARGETS.raw, 'root').result;
  return PAIRS.map((pair) => {
    const both = (figure: (r: ReturnType<typeof row>) => number) => ({
      get: roundRatio(report, pair, 'get', figure),
      post: roundRatio(report, pair, 'post', figure),
    });
    return {
      database: pair.database,
      throughput: both((r) => r.result.requestsPerSecond),
      p99: both((r) => r.result.p99Ms),
      cpu: both((r) => r.serverCpuUs),
      rootOfRaw: row(report, pair.service, 'root').result.requestsPerSecond / raw.requestsPerSecond,
    };
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
