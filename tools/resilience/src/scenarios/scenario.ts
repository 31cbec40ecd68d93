import { setTimeout as sleep } from 'node:timers/promises';
import { PATHS } from '@slipway/contract';
import type { CampaignEnvironment } from '../fleet/campaign-environment.js';
import type { ServiceInstance } from '../fleet/service-instances.js';
import { startMixedLoad } from '../load/mixed-load.js';

/** How big a campaign is: the CI variant inside `npm test`, or the full one of `npm run chaos`. */
export interface Profile {
  name: 'ci' | 'full';
  concurrency: number;
  soakWarmupSeconds: number;
  soakSeconds: number;
  fuzzRequests: number;
  fuzzConcurrency: number;
}

// V8 sizes its heap during the first minute or so of load: RSS climbs then with no leak behind it
// (the old space drops back to the same live set at each major collection). soakWarmupSeconds is
// the least warm-up; the soak goes on warming up while an instance's RSS still climbs (see
// memory-soak.ts).
export const PROFILES: Record<Profile['name'], Profile> = {
  ci: {
    name: 'ci',
    concurrency: 8,
    soakWarmupSeconds: 30,
    soakSeconds: 60,
    fuzzRequests: 10_000,
    fuzzConcurrency: 8,
  },
  full: {
    name: 'full',
    concurrency: 16,
    soakWarmupSeconds: 60,
    soakSeconds: 300,
    fuzzRequests: 100_000,
    // Below the instance's pool (DB_POOL_MAX 10): the fuzz is about inputs, not capacity; more
    // concurrency on one instance makes requests wait for a connection past DB_CONNECT_TIMEOUT_MS.
    fuzzConcurrency: 8,
  },
};

export interface ScenarioResult {
  id: string;
  title: string;
  /** One line for the results table: the scenario's figure. */
  figure: string;
  passed: boolean;
  /** Each broken pass rule, in words. */
  violations: string[];
  /** Every measured number, for the console and the tests. */
  figures: Record<string, number | string>;
}

export type Scenario = (env: CampaignEnvironment, profile: Profile) => Promise<ScenarioResult>;

/** Collects a pass rule: `check(ok, 'what went wrong')`. */
export function ruleBook() {
  const violations: string[] = [];
  return {
    violations,
    check(ok: boolean, violation: string) {
      if (!ok) violations.push(violation);
    },
  };
}

export interface ProbeSamples {
  /** Liveness answers that were not 200 (or none at all). */
  failures: string[];
  maxMs: number;
  count: number;
  /** Every answer's time, ms. */
  durations: number[];
}

/**
 * Polls /healthz on every instance directly (not through the load balancer) until stopped: the
 * liveness view of a kubelet, and a measure of event-loop stalls (healthz does no I/O).
 */
export function sampleLiveness(instances: ServiceInstance[], intervalMs = 100) {
  const samples: ProbeSamples = { failures: [], maxMs: 0, count: 0, durations: [] };
  let running = true;
  const loop = (async () => {
    while (running) {
      await Promise.all(
        instances.map(async (instance) => {
          const started = performance.now();
          const status = await fetch(`${instance.url}${PATHS.liveness}`, {
            signal: AbortSignal.timeout(5_000),
          })
            .then(async (r) => {
              await r.arrayBuffer();
              return r.status;
            })
            .catch((error: Error) => error.message);
          const ms = performance.now() - started;
          samples.count++;
          samples.durations.push(ms);
          samples.maxMs = Math.max(samples.maxMs, ms);
          if (status !== 200) samples.failures.push(`${instance.name}: ${status}`);
        }),
      );
      await sleep(intervalMs);
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

export const round = (value: number) => Math.round(value);

/**
 * The load a fault scenario runs under: the profile's concurrency through the load balancer, three
 * reads to each acknowledged write; bounded in time and in count (a scenario stops it sooner).
 */
export function scenarioLoad(
  env: CampaignEnvironment,
  profile: Profile,
  bounds: { maxDurationMs: number; maxRequests: number } = { maxDurationMs: 60_000, maxRequests: 1_000_000 },
) {
  return startMixedLoad({
    url: env.balancer.url,
    token: env.token,
    concurrency: profile.concurrency,
    writeShare: 0.3,
    ...bounds,
  });
}
