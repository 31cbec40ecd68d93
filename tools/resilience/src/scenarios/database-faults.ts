import { setTimeout as sleep } from 'node:timers/promises';
import { PATHS } from '@slipway/contract';
import { DB_CONNECT_TIMEOUT_MS, DB_QUERY_TIMEOUT_MS } from '../fleet/campaign-environment.js';
import { checkAcknowledgedWrites, isFailure, summarize } from '../load/load-report.js';
import type { RequestRecord } from '../load/mixed-load.js';
import { ruleBook, type Scenario, sampleLiveness, scenarioLoad } from './scenario.js';

/** Longest a database route may take to answer 503 while the database is gone: a connection attempt and a query. */
export const UNAVAILABLE_BOUND_MS = DB_CONNECT_TIMEOUT_MS + DB_QUERY_TIMEOUT_MS + 500;
/** Success must be back this soon after the database is. */
export const RECOVERY_BOUND_MS = 5_000;

type Fault = 'fast-shutdown' | 'terminate-sessions';

/**
 * PostgreSQL ends every session under load, two ways:
 * - fast shutdown (SIGINT), a few seconds down, then a restart: a minor-version upgrade or a
 *   reboot;
 * - `pg_terminate_backend` of every session, three times, the server staying up: a Multi-AZ
 *   failover as a client sees it (the same FATAL 57P01 on every open connection).
 * Pass: no instance exits; while the database is gone, database routes answer 503 with Retry-After
 * within the bound and /healthz stays 200; success is back within 5 s, without a restart; no
 * acknowledged write is lost.
 */
function databaseFault(fault: Fault): Scenario {
  return async (env, profile) => {
    const rules = ruleBook();
    const load = scenarioLoad(env, profile);
    const liveness = sampleLiveness(env.instances);
    let downAt = 0;
    let backAt = 0;
    try {
      await sleep(1_500);
      downAt = load.now();
      if (fault === 'fast-shutdown') {
        await env.database.fastShutdown();
        await sleep(3_000);
        await env.database.restart();
      } else {
        for (let round = 0; round < 3; round++) {
          await env.database.terminateSessions();
          await sleep(round < 2 ? 700 : 0);
        }
      }
      backAt = load.now();
      await waitForSuccess(load.records, backAt, RECOVERY_BOUND_MS + 2_000);
      await sleep(1_500);
    } finally {
      await load.stop();
    }
    const probes = await liveness.stop();
    const duringFault = load.records.filter((r) => r.at >= downAt && r.at < backAt);
    const recovery = load.records.find((r) => r.at >= backAt && r.status >= 200 && r.status < 300);
    const recoveryMs = recovery ? recovery.at + recovery.ms - backAt : Number.POSITIVE_INFINITY;
    const notUnavailable = load.records.filter((r) => isFailure(r) && !(r.status === 503 && r.retryAfter));
    const slowest = Math.max(0, ...duringFault.filter((r) => r.status === 503).map((r) => r.ms));
    const lateFailures = load.records.filter((r) => isFailure(r) && r.at > backAt + RECOVERY_BOUND_MS);
    const summary = summarize(load.records);
    const writes = await checkAcknowledgedWrites(load.acknowledged, env.database.query);
    rules.check(env.unexpectedExits().length === 0, `instances exited: ${env.unexpectedExits().join('; ')}`);
    rules.check(
      notUnavailable.length === 0,
      `${notUnavailable.length} failures other than 503 + Retry-After: ${describe(notUnavailable)}`,
    );
    rules.check(
      slowest <= UNAVAILABLE_BOUND_MS,
      `a 503 took ${Math.round(slowest)} ms (bound ${UNAVAILABLE_BOUND_MS})`,
    );
    rules.check(
      probes.failures.length === 0,
      `${PATHS.liveness} failed: ${probes.failures.slice(0, 3).join('; ')}`,
    );
    rules.check(recoveryMs <= RECOVERY_BOUND_MS, `success came back after ${Math.round(recoveryMs)} ms`);
    rules.check(lateFailures.length === 0, `${lateFailures.length} failures more than 5 s after recovery`);
    rules.check(writes.missing.length === 0, `${writes.missing.length} acknowledged writes missing`);
    rules.check(writes.wrong.length === 0, `${writes.wrong.length} users hold a value nobody acknowledged`);
    rules.check(
      summary.unexpected === 0,
      `${summary.unexpected} unexpected 4xx: ${summary.examples.join('; ')}`,
    );
    const answered503 = load.records.filter((r) => r.status === 503).length;
    return {
      id: fault,
      title:
        fault === 'fast-shutdown'
          ? 'PostgreSQL fast shutdown, 3 s down, restart, under load'
          : 'pg_terminate_backend of every session (3 rounds), under load',
      figure: `0 exits: ${env.unexpectedExits().length === 0 ? 'yes' : 'no'}; ${answered503} × 503 with Retry-After, slowest ${Math.round(slowest)} ms; /healthz ${probes.count - probes.failures.length}/${probes.count} 200; success back ${Math.round(recoveryMs)} ms after the database; ${writes.missing.length} of ${writes.acknowledged} acknowledged writes missing`,
      passed: rules.violations.length === 0,
      violations: rules.violations,
      figures: {
        requests: summary.requests,
        answered503,
        otherFailures: notUnavailable.length,
        slowest503Ms: Math.round(slowest),
        livenessProbes: probes.count,
        livenessFailures: probes.failures.length,
        recoveryMs: Math.round(recoveryMs),
        acknowledgedWrites: writes.acknowledged,
        missingWrites: writes.missing.length,
      },
    };
  };
}

function describe(records: RequestRecord[]): string {
  return records
    .slice(0, 3)
    .map((r) => `${r.kind} ${r.status || r.error} ${r.problemType ?? ''}`.trim())
    .join('; ');
}

async function waitForSuccess(records: RequestRecord[], fromMs: number, timeoutMs: number) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (records.some((r) => r.at >= fromMs && r.status >= 200 && r.status < 300)) return;
    await sleep(50);
  }
}

export const databaseFastShutdown = databaseFault('fast-shutdown');
export const databaseTerminateSessions = databaseFault('terminate-sessions');
