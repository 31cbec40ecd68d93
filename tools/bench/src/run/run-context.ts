/** What every step of a run shares, and the few things they all do: seed, load, start the service. */
import { PATHS } from '@slipway/contract';
import { freePort } from '@slipway/testing';
import { type LoadRequest, type LoadResult, runWrk } from '../load/wrk.js';
import type { CpuPlan } from '../machine/cpu-pinning.js';
import { type ServiceDatabase, serviceLaunch } from '../targets/service-launch.js';
import type { BenchSettings } from './bench-settings.js';
import type { ScenarioKey } from './scenarios.js';

export interface RunContext {
  settings: BenchSettings;
  cpus: CpuPlan;
  serviceDir: string;
  /** A temporary folder for databases and profiles, removed after the run. */
  workDir: string;
  /** The service's API token (writes) and cursor key, 32 characters as it requires. */
  credentials: { apiToken: string; secretKey: string };
  /** Seed users created so far: each gets a dni of its own. */
  seeded: number;
  log: (line: string) => void;
}

export const writeHeaders = (ctx: RunContext) => ({ authorization: `Bearer ${ctx.credentials.apiToken}` });

/**
 * The user the GET rows read; a new dni each time, as processes may share a database. A service
 * that has just started on a busy machine may shed load for a moment (503 with Retry-After): it is
 * asked again, as a client would, for at most 15 s.
 */
export async function createSeedUser(
  ctx: RunContext,
  url: string,
  headers: Record<string, string>,
): Promise<string> {
  ctx.seeded += 1;
  const deadline = performance.now() + 15_000;
  for (;;) {
    const response = await fetch(`${url}${PATHS.users}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ dni: `SEED-${ctx.seeded}`, name: 'Bench Seed' }),
    });
    const body = (await response.json()) as { id?: string };
    if (response.status === 201 && body.id !== undefined) return body.id;
    if (response.status !== 503 || performance.now() > deadline) {
      throw new Error(`creating the seed user answered ${response.status}: ${JSON.stringify(body)}`);
    }
    const retryAfterMs = Math.min(Number(response.headers.get('retry-after') ?? 1) * 1000, 1000) || 200;
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
  }
}

export function loadRequest(
  scenario: ScenarioKey,
  url: string,
  userId: string,
  headers: Record<string, string>,
): LoadRequest {
  const requests: Record<ScenarioKey, LoadRequest> = {
    get: { url: `${url}${PATHS.users}/${userId}` },
    post: {
      url: `${url}${PATHS.users}`,
      headers: { ...headers, 'content-type': 'application/json' },
      createsUsers: true,
    },
    root: { url: `${url}${PATHS.root}` },
  };
  return requests[scenario];
}

/** A warm-up (not kept), then the measured run; `onMeasuring` is called between them. */
export async function measure(
  ctx: RunContext,
  request: LoadRequest,
  onMeasuring = () => {},
): Promise<LoadResult> {
  const shape = { cpu: ctx.cpus.load, connections: ctx.settings.connections };
  if (ctx.settings.warmupSeconds > 0) {
    await runWrk(request, { ...shape, seconds: ctx.settings.warmupSeconds });
  }
  onMeasuring();
  return runWrk(request, { ...shape, seconds: ctx.settings.seconds });
}

/** The service on the server CPU, on free ports, with this run's credentials. */
export async function serviceLaunchFor(
  ctx: RunContext,
  database: ServiceDatabase,
  migrate: boolean,
  cpuProfileDir?: string,
) {
  return serviceLaunch({
    serviceDir: ctx.serviceDir,
    cpu: ctx.cpus.server,
    port: await freePort(),
    metricsPort: await freePort(),
    database,
    ...ctx.credentials,
    migrate,
    ...(cpuProfileDir === undefined ? {} : { cpuProfileDir }),
  });
}
