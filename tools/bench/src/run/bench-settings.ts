/** How long and how hard the benchmark runs. */
export interface BenchSettings {
  /** Measured seconds per row. */
  seconds: number;
  /** Unmeasured seconds of the same load before each row, so every target runs JIT-compiled code. */
  warmupSeconds: number;
  /** Concurrent connections wrk keeps open. */
  connections: number;
  /** How many times the bundle is started to measure start → ready (the median is reported). */
  starts: number;
  /**
   * Rounds of each bare ÷ service pair. The machine's speed drifts within a run, so the two sides
   * of a pair alternate, the one that goes first swapping every round, and each ratio reported is
   * the median of the rounds' ratios.
   */
  rounds: number;
}

export const DEFAULT_SETTINGS: BenchSettings = {
  seconds: 10,
  warmupSeconds: 2,
  connections: 50,
  starts: 5,
  rounds: 3,
};

/** The environment variables that change a run; anything else is fixed so runs compare. */
export const SETTING_VARIABLES = {
  seconds: 'BENCH_SECONDS',
  connections: 'BENCH_CONNECTIONS',
  rounds: 'BENCH_ROUNDS',
} as const;

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be a whole number from 1 to ${max}, got "${raw}" (default: ${fallback})`);
  }
  return value;
}

/** Settings from BENCH_SECONDS, BENCH_CONNECTIONS and BENCH_ROUNDS; the warm-up is a fifth of a row. */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const seconds = positiveInteger(env, SETTING_VARIABLES.seconds, DEFAULT_SETTINGS.seconds, 600);
  const connections = positiveInteger(
    env,
    SETTING_VARIABLES.connections,
    DEFAULT_SETTINGS.connections,
    10_000,
  );
  const rounds = positiveInteger(env, SETTING_VARIABLES.rounds, DEFAULT_SETTINGS.rounds, 20);
  return { ...DEFAULT_SETTINGS, seconds, connections, rounds, warmupSeconds: Math.round(seconds / 5) };
}
