/**
 * Calls a probe the way the kubelet does: an HTTP GET of the declared path and port with the
 * declared timeout; success is a status in 200–399. `untilSuccess` retries every periodSeconds up
 * to failureThreshold times, as a startup or readiness probe does.
 */
import type { Probe } from '../../src/workloads.js';

export interface ProbeResult {
  ok: boolean;
  status?: number;
  error?: string;
  attempts: number;
  elapsedMs: number;
}

export async function probeOnce(
  probe: Probe,
  hostPortOf: (port: string | number) => number,
): Promise<ProbeResult> {
  const started = performance.now();
  const get = probe.httpGet;
  if (!get?.path || get.port === undefined) throw new Error('only httpGet probes are declared here');
  const scheme = (get.scheme ?? 'HTTP').toLowerCase();
  const url = `${scheme}://127.0.0.1:${hostPortOf(get.port)}${get.path}`;
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout((probe.timeoutSeconds ?? 1) * 1000),
      redirect: 'manual',
    });
    await response.arrayBuffer();
    return {
      ok: response.status >= 200 && response.status < 400,
      status: response.status,
      attempts: 1,
      elapsedMs: performance.now() - started,
    };
  } catch (error) {
    return {
      ok: false,
      error: (error as Error).message,
      attempts: 1,
      elapsedMs: performance.now() - started,
    };
  }
}

export async function untilSuccess(
  probe: Probe,
  hostPortOf: (port: string | number) => number,
): Promise<ProbeResult> {
  const started = performance.now();
  const threshold = probe.failureThreshold ?? 3;
  let last: ProbeResult | undefined;
  for (let attempt = 1; attempt <= threshold; attempt++) {
    last = await probeOnce(probe, hostPortOf);
    if (last.ok) return { ...last, attempts: attempt, elapsedMs: performance.now() - started };
    await new Promise((resolve) => setTimeout(resolve, (probe.periodSeconds ?? 10) * 1000));
  }
  return { ...last!, ok: false, attempts: threshold, elapsedMs: performance.now() - started };
}
