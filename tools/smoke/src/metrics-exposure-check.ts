import { PATHS } from '@slipway/contract';
import { describeAnswer } from './http-client.js';
import { type CheckResult, fail, pass, type SmokeContext } from './smoke-check.js';

/** Prometheus text exposition starts its families with these comments. */
const EXPOSITION = /^# (TYPE|HELP) /m;

/**
 * Metrics are served on their own port that no ingress routes to. Through the public URL,
 * /metrics must be a client error (404, or 401/403 behind an auth layer) and must not carry
 * Prometheus text — whatever the status code says.
 */
export async function checkMetricsNotPublic(ctx: SmokeContext): Promise<CheckResult> {
  const name = `${PATHS.metrics} is not reachable publicly`;
  const url = ctx.url(PATHS.metrics);
  const answer = await ctx.request(url);
  if (EXPOSITION.test(answer.body)) {
    return fail(
      name,
      `${describeAnswer('GET', url, answer)} with Prometheus metrics: the metrics port is routed publicly`,
    );
  }
  if (answer.status < 400 || answer.status >= 500) {
    return fail(name, `${describeAnswer('GET', url, answer)}; expected 404 (or 401/403)`);
  }
  return pass(name, describeAnswer('GET', url, answer));
}
