/**
 * What "the stack is up" means, checked from the host through the published ports: the service
 * is ready, Prometheus scrapes it and has loaded the shipped rule groups, Grafana serves every
 * shipped dashboard, and a request's trace reaches Tempo (read back from Tempo's query API;
 * Grafana's Tempo data source points at the same service). Each check is bounded in time.
 */
import { randomBytes } from 'node:crypto';
import { PATHS } from '@slipway/contract';
import { grafanaDashboards, prometheusRuleGroups, SCRAPE_JOB } from '@slipway/observability';

export interface StackUrls {
  service: string;
  prometheus: string;
  grafana: string;
  tempo: string;
}

/** How long each check may take; the first includes PostgreSQL's first initialisation. */
export const CHECK_TIMEOUTS_MS = {
  service: 180_000,
  scrape: 90_000,
  rules: 30_000,
  dashboards: 90_000,
  trace: 90_000,
};

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T | undefined }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as T };
  } catch {
    return { status: response.status, body: undefined };
  }
}

/** Polls `probe` every second until it returns a detail string (success) or `timeoutMs` passes. */
async function eventually(
  name: string,
  timeoutMs: number,
  probe: () => Promise<string | undefined>,
): Promise<CheckResult> {
  const started = performance.now();
  let last = 'no answer yet';
  while (performance.now() - started < timeoutMs) {
    try {
      const detail = await probe();
      if (detail !== undefined)
        return {
          name,
          ok: true,
          detail: `${detail} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
        };
      last = 'not yet';
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(1_000);
  }
  return { name, ok: false, detail: `not within ${timeoutMs / 1000} s; last: ${last}` };
}

export async function checkStack(
  urls: StackUrls,
  report: (r: CheckResult) => void,
  timeouts: typeof CHECK_TIMEOUTS_MS = CHECK_TIMEOUTS_MS,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const run = async (check: Promise<CheckResult>) => {
    const result = await check;
    results.push(result);
    report(result);
    return result.ok;
  };

  await run(
    eventually('service ready', timeouts.service, async () => {
      const { status, body } = await getJson<{ database?: string }>(`${urls.service}${PATHS.readiness}`);
      return status === 200 ? `${PATHS.readiness} 200, database ${body?.database ?? 'unknown'}` : undefined;
    }),
  );
  await run(
    eventually(`Prometheus scrapes job ${SCRAPE_JOB}`, timeouts.scrape, async () => {
      const { body } = await getJson<{
        data: { activeTargets: { labels: { job: string }; health: string }[] };
      }>(`${urls.prometheus}/api/v1/targets?state=active`);
      const target = body?.data.activeTargets.find((t) => t.labels.job === SCRAPE_JOB);
      return target?.health === 'up' ? 'target up' : undefined;
    }),
  );
  const expectedGroups = prometheusRuleGroups().map((g) => g.name);
  await run(
    eventually('Prometheus loaded the shipped rule groups', timeouts.rules, async () => {
      const { body } = await getJson<{ data: { groups: { name: string }[] } }>(
        `${urls.prometheus}/api/v1/rules`,
      );
      const loaded = new Set(body?.data.groups.map((g) => g.name));
      return expectedGroups.every((g) => loaded.has(g)) ? `${expectedGroups.length} groups` : undefined;
    }),
  );
  const expectedTitles = grafanaDashboards().map((d) => d.title);
  await run(
    eventually('Grafana serves every shipped dashboard', timeouts.dashboards, async () => {
      const { body } = await getJson<{ title: string }[]>(`${urls.grafana}/api/search?type=dash-db`);
      const titles = new Set(body?.map((d) => d.title));
      return expectedTitles.every((t) => titles.has(t)) ? `${expectedTitles.length} dashboards` : undefined;
    }),
  );
  const traceId = randomBytes(16).toString('hex');
  await fetch(`${urls.service}${PATHS.users}?limit=1`, {
    headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    signal: AbortSignal.timeout(5_000),
  })
    .then((response) => response.arrayBuffer())
    .catch(() => undefined);
  await run(
    eventually('a request trace reaches Tempo', timeouts.trace, async () => {
      const { status } = await getJson(`${urls.tempo}/api/traces/${traceId}`);
      return status === 200 ? `trace ${traceId} found` : undefined;
    }),
  );
  return results;
}
