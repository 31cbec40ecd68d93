import { setTimeout as sleep } from 'node:timers/promises';
import { checkAcknowledgedWrites, isFailure, summarize } from '../load/load-report.js';
import { ruleBook, type Scenario, scenarioLoad } from './scenario.js';

/**
 * One instance gets SIGKILL under load (an OOM kill, a node lost): no drain, no goodbye. Requests
 * in flight on it fail, and so do those HAProxy sends it before its health checks (or the first
 * refused connection) take it out; retries are off, so each of them reaches the client and is
 * counted. Pass: no acknowledged write lost, no failure after the load balancer took it out.
 */
export const instanceKill: Scenario = async (env, profile) => {
  const rules = ruleBook();
  const load = scenarioLoad(env, profile);
  const victim = env.instances[0]!;
  let killedAt = 0;
  let outAt = 0;
  try {
    await sleep(1_500);
    killedAt = load.now();
    env.retire(victim, 'SIGKILL');
    await victim.process.exited;
    await env.balancer.waitForState(victim.name, 'DOWN');
    outAt = load.now();
    await sleep(1_500);
    await env.forget(victim);
    await env.addInstance(); // back to full strength for the next scenario
    await sleep(500);
  } finally {
    await load.stop();
  }
  const summary = summarize(load.records);
  const failures = load.records.filter(isFailure);
  const late = failures.filter((r) => r.at > outAt + 100);
  const writes = await checkAcknowledgedWrites(load.acknowledged, env.database.query);
  const byStatus = (status: number) => failures.filter((r) => r.status === status).length;
  rules.check(writes.missing.length === 0, `${writes.missing.length} acknowledged writes missing`);
  rules.check(late.length === 0, `${late.length} requests failed after HAProxy took the instance out`);
  rules.check(
    summary.unexpected === 0,
    `${summary.unexpected} unexpected 4xx: ${summary.examples.join('; ')}`,
  );
  rules.check(env.unexpectedExits().length === 0, env.unexpectedExits().join('; '));
  return {
    id: 'instance-kill',
    title: 'SIGKILL of one instance',
    figure: `${failures.length} of ${summary.requests} requests failed, all between the kill and its removal ${Math.round(outAt - killedAt)} ms later; ${writes.missing.length} of ${writes.acknowledged} acknowledged writes missing`,
    passed: rules.violations.length === 0,
    violations: rules.violations,
    figures: {
      requests: summary.requests,
      failed: failures.length,
      failedInFlight502: byStatus(502),
      failedRouted503: byStatus(503),
      failedNoResponse: byStatus(0),
      removalMs: Math.round(outAt - killedAt),
      acknowledgedWrites: writes.acknowledged,
      missingWrites: writes.missing.length,
    },
  };
};
