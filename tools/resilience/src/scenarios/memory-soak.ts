import { setTimeout as sleep } from 'node:timers/promises';
import { percentile, summarize } from '../load/load-report.js';
import { startMixedLoad } from '../load/mixed-load.js';
import { ruleBook, type Scenario } from './scenario.js';

const MAX_GROWTH = 0.1;
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** The warm-up lasts at most this many times the profile's. */
const WARMUP_LIMIT_FACTOR = 3;
/** Still climbing: the median of the last 20 s is over 5 % above that of the 20 s before. */
const CLIMB_WINDOW = 20;
const CLIMB_THRESHOLD = 0.05;

function stillClimbing(samples: Map<unknown, { mb: number }[]>): boolean {
  return [...samples.values()].some((series) => {
    if (series.length < 2 * CLIMB_WINDOW) return true;
    const recent = median(series.slice(-CLIMB_WINDOW).map((s) => s.mb));
    const before = median(series.slice(-2 * CLIMB_WINDOW, -CLIMB_WINDOW).map((s) => s.mb));
    return recent > before * (1 + CLIMB_THRESHOLD);
  });
}

/**
 * Mixed load for a long while (5 minutes; 60 s in CI) after a warm-up, the resident memory of
 * every instance sampled each second. Pass: after the warm-up, RSS grows less than 10 % on every
 * instance (the median of the second half of the window against that of the first), and no
 * request fails.
 */
export const memorySoak: Scenario = async (env, profile) => {
  const rules = ruleBook();
  const maxWarmupMs = profile.soakWarmupSeconds * WARMUP_LIMIT_FACTOR * 1000;
  const load = startMixedLoad({
    url: env.balancer.url,
    token: env.token,
    concurrency: profile.concurrency,
    writeShare: 0.2,
    maxDurationMs: maxWarmupMs + profile.soakSeconds * 1000 + 10_000,
    maxRequests: 50_000_000,
  });
  const samples = new Map(env.instances.map((i) => [i, [] as { at: number; mb: number }[]]));
  const sample = () => {
    for (const [instance, series] of samples)
      series.push({ at: load.now(), mb: instance.residentMemoryMb() });
  };
  let warmupMs = 0;
  try {
    // Warm-up: at least the profile's, then until no instance's RSS still climbs (an instance
    // that had little traffic so far sizes its heap now), at most WARMUP_LIMIT_FACTOR times as
    // long. A leak never stops climbing: it reaches the limit and is measured after it.
    while (
      load.now() < profile.soakWarmupSeconds * 1000 ||
      (stillClimbing(samples) && load.now() < maxWarmupMs)
    ) {
      sample();
      await sleep(1_000);
    }
    warmupMs = load.now();
    while (load.now() < warmupMs + profile.soakSeconds * 1000) {
      sample();
      await sleep(1_000);
    }
  } finally {
    await load.stop();
  }
  const growth = [...samples].map(([instance, series]) => {
    // RSS saws up and down with garbage collection (by a third or more between collections); the
    // level of each half of the window is its median, which a sawtooth does not move and a leak does.
    const measured = series.filter((s) => s.at >= warmupMs).map((s) => s.mb);
    const half = Math.floor(measured.length / 2);
    const start = median(measured.slice(0, half));
    const end = median(measured.slice(-half));
    return { name: instance.name, start, end, growth: (end - start) / start };
  });
  const worst = growth.reduce((a, b) => (b.growth > a.growth ? b : a));
  const summary = summarize(load.records);
  rules.check(worst.growth < MAX_GROWTH, `${worst.name} RSS grew ${(worst.growth * 100).toFixed(1)} %`);
  rules.check(summary.failed === 0, `${summary.failed} requests failed: ${summary.examples.join('; ')}`);
  rules.check(env.unexpectedExits().length === 0, env.unexpectedExits().join('; '));
  const describe = (g: (typeof growth)[number]) =>
    `${g.name} ${g.start.toFixed(0)} → ${g.end.toFixed(0)} MiB (${g.growth >= 0 ? '+' : ''}${(g.growth * 100).toFixed(1)} %)`;
  return {
    id: 'memory-soak',
    title: `Memory soak: ${profile.soakSeconds} s of mixed load after ${Math.round(warmupMs / 1000)} s of warm-up`,
    figure: `RSS ${growth.map(describe).join(', ')}; ${summary.requests} requests, ${summary.failed} failed`,
    passed: rules.violations.length === 0,
    violations: rules.violations,
    figures: {
      requests: summary.requests,
      failed: summary.failed,
      worstGrowthPercent: Number((worst.growth * 100).toFixed(1)),
      p99Ms: summary.p99Ms,
    },
  };
};
