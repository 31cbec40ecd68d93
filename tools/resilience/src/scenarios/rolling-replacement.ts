import { setTimeout as sleep } from 'node:timers/promises';
import { checkAcknowledgedWrites, summarize } from '../load/load-report.js';
import { ruleBook, type Scenario, scenarioLoad } from './scenario.js';

/**
 * Every instance replaced, one at a time, as a Deployment's rolling update does (surge one, then
 * retire one): the new instance is registered once ready, the old one gets SIGTERM, fails its
 * readiness, leaves the load balancer through its health checks, drains and exits 0.
 * Pass: no client request fails, every acknowledged write is in the database.
 */
export const rollingReplacement: Scenario = async (env, profile) => {
  const rules = ruleBook();
  const load = scenarioLoad(env, profile, { maxDurationMs: 180_000, maxRequests: 2_000_000 });
  const replaced: string[] = [];
  const exitCodes: (number | null)[] = [];
  let removalMs = 0;
  try {
    await sleep(1_000);
    for (const old of [...env.instances]) {
      const fresh = await env.addInstance();
      await env.balancer.waitForState(fresh.name, 'UP');
      env.retire(old, 'SIGTERM');
      removalMs = Math.max(removalMs, await env.balancer.waitForState(old.name, 'DOWN'));
      const { code } = await old.process.exited;
      exitCodes.push(code);
      await env.forget(old);
      replaced.push(`${old.name}→${fresh.name}`);
    }
    await sleep(1_000);
  } finally {
    await load.stop();
  }
  const summary = summarize(load.records);
  const writes = await checkAcknowledgedWrites(load.acknowledged, env.database.query);
  rules.check(summary.failed === 0, `${summary.failed} requests failed: ${summary.examples.join('; ')}`);
  rules.check(
    summary.unexpected === 0,
    `${summary.unexpected} unexpected 4xx: ${summary.examples.join('; ')}`,
  );
  rules.check(writes.missing.length === 0, `${writes.missing.length} acknowledged writes missing`);
  rules.check(writes.wrong.length === 0, `${writes.wrong.length} users hold a value nobody acknowledged`);
  rules.check(
    exitCodes.every((code) => code === 0),
    `retired instances exited with ${exitCodes.join(', ')}`,
  );
  rules.check(env.unexpectedExits().length === 0, env.unexpectedExits().join('; '));
  return {
    id: 'rolling-replacement',
    title: `Rolling replacement of all ${replaced.length} instances`,
    figure: `${summary.failed} of ${summary.requests} requests failed; ${writes.missing.length} of ${writes.acknowledged} acknowledged writes missing`,
    passed: rules.violations.length === 0,
    violations: rules.violations,
    figures: {
      requests: summary.requests,
      failed: summary.failed,
      acknowledgedWrites: writes.acknowledged,
      missingWrites: writes.missing.length,
      slowestHealthCheckRemovalMs: Math.round(removalMs),
      p99Ms: summary.p99Ms,
      replaced: replaced.join(' '),
    },
  };
};
