import { PATHS } from '@slipway/contract';
import { checkConfigRevealsNoSecret } from './config-exposure-check.js';
import { checkEndpoints, parseVersion } from './endpoint-checks.js';
import { describeFetchError, request } from './http-client.js';
import { checkMetricsNotPublic } from './metrics-exposure-check.js';
import { checkSecurityHeaders } from './security-header-checks.js';
import { type CheckResult, fail, pass, type SmokeContext } from './smoke-check.js';
import type { SmokeOptions } from './smoke-options.js';
import { checkTlsCertificate } from './tls-certificate-check.js';
import { checkUserRoundTrip } from './user-round-trip.js';

const POLL_INTERVAL_MS = 2_000;

function contextFor(options: SmokeOptions): SmokeContext {
  return {
    options,
    url: (path) => new URL(path.replace(/^\//, ''), options.baseUrl),
    request: (url, init) => request(url, options.requestTimeoutMs, init),
  };
}

/** Runs `checks`; a request that fails outright (refused, TLS, timeout) becomes one failed line. */
async function guarded(
  name: string,
  checks: () => Promise<CheckResult | CheckResult[]>,
): Promise<CheckResult[]> {
  try {
    const result = await checks();
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    return [fail(name, describeFetchError(error))];
  }
}

/**
 * Waits until /readyz answers 200 and, when a commit is expected, /version reports it — the
 * rollout ArgoCD started has finished. Returns the line to report, or nothing when not asked to wait.
 */
async function waitForRollout(ctx: SmokeContext): Promise<CheckResult | undefined> {
  const { waitSeconds, expectCommit } = ctx.options;
  if (waitSeconds === 0) return undefined;
  const name = expectCommit ? `rollout of ${expectCommit.slice(0, 12)} finished` : 'environment became ready';
  const started = performance.now();
  const deadline = started + waitSeconds * 1000;
  let last = 'no answer yet';
  while (true) {
    try {
      const ready = await ctx.request(ctx.url(PATHS.readiness));
      const version = parseVersion((await ctx.request(ctx.url(PATHS.version))).body);
      last = `/readyz ${ready.status}, /version commit ${version?.commit ?? '?'}`;
      if (ready.status === 200 && (!expectCommit || version?.commit?.startsWith(expectCommit))) {
        return pass(name, `${last} after ${Math.round((performance.now() - started) / 1000)} s`);
      }
    } catch (error) {
      last = describeFetchError(error);
    }
    if (performance.now() + POLL_INTERVAL_MS > deadline)
      return fail(name, `not within ${waitSeconds} s (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** Every check, in the order a user would notice them. */
export async function runSmoke(
  options: SmokeOptions,
  onResult: (result: CheckResult) => void,
): Promise<CheckResult[]> {
  const ctx = contextFor(options);
  const https = options.baseUrl.protocol === 'https:';
  const results: CheckResult[] = [];
  const report = (batch: CheckResult[]) => {
    for (const result of batch) {
      results.push(result);
      onResult(result);
    }
  };

  const rollout = await waitForRollout(ctx);
  if (rollout) report([rollout]);
  if (https) {
    report([
      await checkTlsCertificate(options.baseUrl, options.minCertificateDays, options.requestTimeoutMs),
    ]);
  }
  report(await guarded('endpoints answer', () => checkEndpoints(ctx)));
  report(
    await guarded('security headers', async () =>
      checkSecurityHeaders(await ctx.request(ctx.url(PATHS.root)), PATHS.root, https),
    ),
  );
  report(await guarded('user round trip', () => checkUserRoundTrip(ctx)));
  report(await guarded(`${PATHS.metrics} is not reachable publicly`, () => checkMetricsNotPublic(ctx)));
  report(await guarded(`${PATHS.config} reveals no secret`, () => checkConfigRevealsNoSecret(ctx)));
  return results;
}
