/**
 * The whole benchmark in one run, so every ratio compares figures taken minutes apart on the same
 * machine: raw node:http (the ceiling), bare Fastify on each driver next to the service on the same
 * database, the service's start time, and CPU profiles of the service under the same load.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSettings, PATHS } from '@slipway/contract';
import { freePort, type PostgresServer, startPostgres } from '@slipway/testing';
import { type LoadRequest, type LoadResult, runWrk } from '../load/wrk.js';
import { type CpuPlan, childProcessWithArgument, pinProcessTree, planCpus } from '../machine/cpu-pinning.js';
import { type MachineFacts, machineFacts } from '../machine/machine-facts.js';
import { SERVICE_DIR } from '../machine/repository-paths.js';
import { type MonotonicWindow, monotonicUs, readOnlyProfile } from '../profile/cpu-profile.js';
import { type ProfileSummary, summariseProfile } from '../profile/layer-summary.js';
import { createSourceLocator } from '../profile/source-locator.js';
import { type PeerKind, peerLaunch } from '../targets/peer-launch.js';
import { buildServiceBundle, type ServiceDatabase, serviceLaunch } from '../targets/service-launch.js';
import { startTarget, type TargetLaunch } from '../targets/target-process.js';
import type { BenchSettings } from './bench-settings.js';
import { requireBenchTools } from './required-tools.js';

export const SCENARIOS = {
  get: `GET ${PATHS.users}/:id`,
  post: `POST ${PATHS.users}`,
  root: `GET ${PATHS.root}`,
} as const;
export type ScenarioKey = keyof typeof SCENARIOS;

export const TARGETS = {
  raw: 'raw node:http' satisfies PeerKind,
  bareSqlite: 'bare Fastify + node:sqlite' satisfies PeerKind,
  serviceSqlite: 'service on SQLite',
  barePostgres: 'bare Fastify + pg' satisfies PeerKind,
  servicePostgres: 'service on PostgreSQL',
} as const;
export type TargetName = (typeof TARGETS)[keyof typeof TARGETS];

export interface Row {
  target: TargetName;
  scenario: ScenarioKey;
  result: LoadResult;
}

export interface ProfileRun {
  database: 'SQLite' | 'PostgreSQL';
  scenario: ScenarioKey;
  summary: ProfileSummary;
}

export interface BenchReport {
  settings: BenchSettings;
  machine: MachineFacts;
  cpus: CpuPlan;
  rows: Row[];
  /** Resident memory of each target after its rows. */
  residentMb: Partial<Record<TargetName, number>>;
  /** Spawn → /readyz 200 of the bundle, one per start. */
  startToReadyMs: number[];
  profiles: ProfileRun[];
}

export interface BenchOptions {
  settings: BenchSettings;
  /** The service workspace to build and run (the repository's by default). */
  serviceDir?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** The pool size the service runs with by default, given to the bare pg peer too. */
const POOL_MAX = Number(describeSettings().find((s) => s.name === 'DB_POOL_MAX')?.default);

interface Context {
  settings: BenchSettings;
  cpus: CpuPlan;
  serviceDir: string;
  workDir: string;
  credentials: { apiToken: string; secretKey: string };
  log: (line: string) => void;
}

let seeded = 0;

/**
 * The user the GET rows read; a new dni each time, as processes may share a database. A service
 * that has just started on a busy machine may shed load for a moment (503 with Retry-After): it is
 * asked again, as a client would, for at most 15 s.
 */
async function createUser(url: string, headers: Record<string, string>): Promise<string> {
  seeded += 1;
  const deadline = performance.now() + 15_000;
  for (;;) {
    const response = await fetch(`${url}${PATHS.users}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ dni: `SEED-${seeded}`, name: 'Bench Seed' }),
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

function loadRequest(scenario: ScenarioKey, url: string, userId: string, headers: Record<string, string>) {
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
async function measure(ctx: Context, request: LoadRequest, onMeasuring = () => {}): Promise<LoadResult> {
  const shape = { cpu: ctx.cpus.load, connections: ctx.settings.connections };
  if (ctx.settings.warmupSeconds > 0) {
    await runWrk(request, { ...shape, seconds: ctx.settings.warmupSeconds });
  }
  onMeasuring();
  return runWrk(request, { ...shape, seconds: ctx.settings.seconds });
}

/** Starts a target, runs its scenarios, notes its memory, stops it. */
async function benchTarget(
  ctx: Context,
  report: BenchReport,
  target: TargetName,
  launch: TargetLaunch,
  scenarios: ScenarioKey[],
  headers: Record<string, string> = {},
): Promise<void> {
  const server = await startTarget(launch);
  try {
    const userId = scenarios.includes('get') ? await createUser(server.url, headers) : '';
    for (const scenario of scenarios) {
      const result = await measure(ctx, loadRequest(scenario, server.url, userId, headers));
      report.rows.push({ target, scenario, result });
      ctx.log(
        `${target}, ${SCENARIOS[scenario]}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors`,
      );
    }
    report.residentMb[target] = server.residentMb();
  } finally {
    await server.stop();
  }
}

async function serviceLaunchFor(
  ctx: Context,
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

const writeHeaders = (ctx: Context) => ({ authorization: `Bearer ${ctx.credentials.apiToken}` });

async function measureStartToReady(ctx: Context, database: ServiceDatabase): Promise<number[]> {
  const runs: number[] = [];
  for (let i = 0; i < ctx.settings.starts; i++) {
    const server = await startTarget(await serviceLaunchFor(ctx, database, false));
    runs.push(server.startMs);
    await server.stop();
  }
  ctx.log(`start → ready: ${runs.map((ms) => Math.round(ms)).join(', ')} ms`);
  return runs;
}

/**
 * The service under the same load with --cpu-prof: one process per database, each request in turn
 * as in the measured rows. Only the samples of each measured run count, not start-up, warm-ups or
 * shutdown.
 */
async function profileService(
  ctx: Context,
  database: ServiceDatabase,
  label: ProfileRun['database'],
): Promise<ProfileRun[]> {
  const dir = mkdtempSync(join(ctx.workDir, 'profile-'));
  const server = await startTarget(await serviceLaunchFor(ctx, database, false, dir));
  const scenarios = ['get', 'post'] as const;
  // Each measured run on the clock the profile's samples carry.
  const windows = new Map<ScenarioKey, MonotonicWindow>();
  try {
    const userId = await createUser(server.url, writeHeaders(ctx));
    for (const scenario of scenarios) {
      const window = { fromUs: 0, toUs: 0 };
      await measure(ctx, loadRequest(scenario, server.url, userId, writeHeaders(ctx)), () => {
        window.fromUs = monotonicUs();
      });
      window.toUs = monotonicUs();
      windows.set(scenario, window);
    }
  } finally {
    await server.stop();
  }
  const profile = readOnlyProfile(dir);
  const locate = createSourceLocator();
  ctx.log(`profiled the service on ${label}`);
  return scenarios.map((scenario) => ({
    database: label,
    scenario,
    summary: summariseProfile(profile, { locate, serviceDir: ctx.serviceDir, window: windows.get(scenario) }),
  }));
}

/** Starts the throwaway PostgreSQL and moves it, and the backends it will fork, to the server CPU. */
async function startPinnedPostgres(cpu: number): Promise<PostgresServer> {
  const postgres = await startPostgres();
  const postmaster = childProcessWithArgument('postgres', String(postgres.port));
  if (postmaster === undefined) {
    await postgres.stop();
    throw new Error(
      `cannot find the PostgreSQL server process on port ${postgres.port} to pin it to CPU ${cpu}`,
    );
  }
  pinProcessTree(postmaster, cpu);
  return postgres;
}

export async function runBenchmark(options: BenchOptions): Promise<BenchReport> {
  requireBenchTools();
  const log = options.log ?? (() => {});
  const workDir = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
  const ctx: Context = {
    settings: options.settings,
    cpus: planCpus(),
    serviceDir: options.serviceDir ?? SERVICE_DIR,
    workDir,
    // 32 characters, as the service requires of tokens and keys.
    credentials: {
      apiToken: randomBytes(24).toString('base64url'),
      secretKey: randomBytes(24).toString('base64url'),
    },
    log,
  };
  const report: BenchReport = {
    settings: options.settings,
    machine: machineFacts(),
    cpus: ctx.cpus,
    rows: [],
    residentMb: {},
    startToReadyMs: [],
    profiles: [],
  };
  log(`wrk on CPU ${ctx.cpus.load}; servers and PostgreSQL on CPU ${ctx.cpus.server}`);
  log('building the service bundle (with source maps) ...');
  buildServiceBundle(ctx.serviceDir);
  log('starting PostgreSQL ...');
  const postgres = await startPinnedPostgres(ctx.cpus.server);
  try {
    const server = ctx.cpus.server;
    await benchTarget(ctx, report, TARGETS.raw, peerLaunch(TARGETS.raw, server, { port: await freePort() }), [
      'root',
    ]);

    const bareSqlitePath = join(workDir, 'bare.db');
    await benchTarget(
      ctx,
      report,
      TARGETS.bareSqlite,
      peerLaunch(TARGETS.bareSqlite, server, { port: await freePort(), sqlitePath: bareSqlitePath }),
      ['get', 'post'],
    );
    const sqlite = { sqlitePath: join(workDir, 'service.db') };
    await benchTarget(
      ctx,
      report,
      TARGETS.serviceSqlite,
      await serviceLaunchFor(ctx, sqlite, true),
      ['get', 'post', 'root'],
      writeHeaders(ctx),
    );
    report.startToReadyMs = await measureStartToReady(ctx, sqlite);

    const bareDatabaseUrl = await postgres.createDatabase('bare_fastify');
    await benchTarget(
      ctx,
      report,
      TARGETS.barePostgres,
      peerLaunch(TARGETS.barePostgres, server, {
        port: await freePort(),
        databaseUrl: bareDatabaseUrl,
        poolMax: POOL_MAX,
      }),
      ['get', 'post'],
    );
    const pg = { databaseUrl: await postgres.createDatabase('service') };
    await benchTarget(
      ctx,
      report,
      TARGETS.servicePostgres,
      await serviceLaunchFor(ctx, pg, true),
      ['get', 'post', 'root'],
      writeHeaders(ctx),
    );

    report.profiles.push(
      ...(await profileService(ctx, sqlite, 'SQLite')),
      ...(await profileService(ctx, pg, 'PostgreSQL')),
    );
    return report;
  } finally {
    await postgres.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}
