import { setTimeout as sleep } from 'node:timers/promises';
import { METRICS } from '@slipway/contract';
import { DB_QUERY_TIMEOUT_MS } from '../fleet/campaign-environment.js';
import type { ServiceInstance } from '../fleet/service-instances.js';
import { isFailure, percentile, summarize } from '../load/load-report.js';
import { RECOVERY_BOUND_MS, UNAVAILABLE_BOUND_MS } from './database-faults.js';
import { ruleBook, type Scenario, sampleLiveness, scenarioLoad } from './scenario.js';

/** Latency added to every packet between the service and PostgreSQL: well over DB_QUERY_TIMEOUT_MS. */
const INJECTED_MS = Math.round(DB_QUERY_TIMEOUT_MS * 1.5);
const SLOW_FOR_MS = 6_000;
/**
 * /healthz does no I/O, so its time measures the event loop (and, on a shared machine, the CPU
 * scheduler). An event loop waiting on the slow database would hold it for the injected latency or
 * a timeout (seconds); half the query timeout tells that apart from scheduling noise.
 */
const STALL_BOUND_MS = DB_QUERY_TIMEOUT_MS / 2;

/** The pool as the instance reports it on its metrics port. */
async function poolState(instance: ServiceInstance) {
  const text = await fetch(`${instance.metricsUrl}/metrics`).then((r) => r.text());
  const value = (state: string) =>
    Number(
      new RegExp(`^${METRICS.dbPoolConnections}\\{state="${state}"\\} (\\S+)`, 'm').exec(text)?.[1] ?? NaN,
    );
  return { total: value('total'), idle: value('idle'), waiting: value('waiting') };
}

/**
 * The database gets slow (latency injected by the TCP proxy between service and PostgreSQL),
 * under load. Pass: requests fail within the bound with 503 and Retry-After instead of piling up;
 * /healthz stays fast (the event loop does not stall); once the database is fast again success
 * returns within 5 s, and after the load no pool connection is left checked out or waited for.
 */
export const slowDatabase: Scenario = async (env, profile) => {
  const rules = ruleBook();
  const load = scenarioLoad(env, profile);
  let slowAt = 0;
  let fastAt = 0;
  let liveness: ReturnType<typeof sampleLiveness> | undefined;
  try {
    await sleep(1_500);
    liveness = sampleLiveness(env.instances);
    slowAt = load.now();
    await env.proxy.setDelay(INJECTED_MS);
    await sleep(SLOW_FOR_MS);
    await env.proxy.setDelay(0);
    fastAt = load.now();
    await sleep(RECOVERY_BOUND_MS);
  } finally {
    await env.proxy.setDelay(0);
    await load.stop();
  }
  const probes = await liveness!.stop();
  const livenessP99 = percentile(
    [...probes.durations].sort((a, b) => a - b),
    99,
  );
  await sleep(1_000);
  const pools = await Promise.all(env.instances.map(poolState));
  const checkedOut = pools.reduce((sum, p) => sum + (p.total - p.idle), 0);
  const waiting = pools.reduce((sum, p) => sum + p.waiting, 0);
  const slow = load.records.filter((r) => r.at >= slowAt && r.at < fastAt);
  const slowest = Math.max(0, ...slow.map((r) => r.ms));
  const wrongFailures = load.records.filter((r) => isFailure(r) && !(r.status === 503 && r.retryAfter));
  const answered503 = slow.filter((r) => r.status === 503).length;
  const recovery = load.records.find((r) => r.at >= fastAt && r.status >= 200 && r.status < 300);
  const recoveryMs = recovery ? recovery.at + recovery.ms - fastAt : Number.POSITIVE_INFINITY;
  const summary = summarize(load.records);
  rules.check(
    slowest <= UNAVAILABLE_BOUND_MS,
    `a request took ${Math.round(slowest)} ms (bound ${UNAVAILABLE_BOUND_MS})`,
  );
  rules.check(answered503 > 0, 'no request failed while the database was slow: the latency did not reach it');
  rules.check(
    wrongFailures.length === 0,
    `${wrongFailures.length} failures other than 503 + Retry-After: ${summary.examples.join('; ')}`,
  );
  rules.check(
    probes.maxMs <= STALL_BOUND_MS,
    `/healthz took ${Math.round(probes.maxMs)} ms (event loop stall)`,
  );
  rules.check(probes.failures.length === 0, `/healthz failed: ${probes.failures.slice(0, 3).join('; ')}`);
  rules.check(recoveryMs <= RECOVERY_BOUND_MS, `success came back after ${Math.round(recoveryMs)} ms`);
  rules.check(
    checkedOut === 0 && waiting === 0,
    `pool after the load: ${checkedOut} checked out, ${waiting} waiting`,
  );
  rules.check(env.unexpectedExits().length === 0, env.unexpectedExits().join('; '));
  return {
    id: 'slow-database',
    title: `Slow database: +${INJECTED_MS} ms per packet for ${SLOW_FOR_MS / 1000} s (DB_QUERY_TIMEOUT_MS ${DB_QUERY_TIMEOUT_MS})`,
    figure: `slowest answer ${Math.round(slowest)} ms (${answered503} × 503 + Retry-After); /healthz p99 ${Math.round(livenessP99)} ms, max ${Math.round(probes.maxMs)} ms; success back ${Math.round(recoveryMs)} ms after; pool afterwards ${checkedOut} checked out, ${waiting} waiting`,
    passed: rules.violations.length === 0,
    violations: rules.violations,
    figures: {
      requests: summary.requests,
      slowestMs: Math.round(slowest),
      answered503,
      otherFailures: wrongFailures.length,
      livenessP99Ms: Math.round(livenessP99),
      livenessMaxMs: Math.round(probes.maxMs),
      recoveryMs: Math.round(recoveryMs),
      poolCheckedOut: checkedOut,
      poolWaiting: waiting,
    },
  };
};
