/**
 * The whole benchmark in one run, so every ratio compares figures taken minutes apart on the same
 * machine: raw node:http (the ceiling), bare Fastify on each driver next to the service on the same
 * database, the service's start time, and CPU profiles of the service under the same load and of
 * one start.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSettings } from '@slipway/contract';
import { freePort } from '@slipway/testing';
import { planCpus } from '../machine/cpu-pinning.js';
import { treeCpuMs } from '../machine/cpu-time.js';
import { machineFacts } from '../machine/machine-facts.js';
import { SERVICE_DIR } from '../machine/repository-paths.js';
import { peerLaunch } from '../targets/peer-launch.js';
import { type PinnedPostgres, startPinnedPostgres } from '../targets/pinned-postgres.js';
import { buildServiceBundle } from '../targets/service-launch.js';
import { buildStartReference, startReferenceLaunch } from '../targets/start-reference.js';
import { startTarget, type TargetLaunch, type TargetProcess } from '../targets/target-process.js';
import { type BenchReport, TARGETS, type TargetName } from './bench-report.js';
import type { BenchSettings } from './bench-settings.js';
import { profileService } from './profile-service.js';
import { profileStart } from './profile-start.js';
import { requireBenchTools } from './required-tools.js';
import {
  createSeedUser,
  loadRequest,
  measure,
  type RunContext,
  serviceLaunchFor,
  writeHeaders,
} from './run-context.js';
import { SCENARIOS, type ScenarioKey } from './scenarios.js';

export interface BenchOptions {
  settings: BenchSettings;
  /** The service workspace to build and run (the repository's by default). */
  serviceDir?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** The pool size the service runs with by default, given to the bare pg peer too. */
const POOL_MAX = Number(describeSettings().find((s) => s.name === 'DB_POOL_MAX')?.default);

/** A server being measured: what it is, how it started, the user its GET rows read. */
interface Subject {
  target: TargetName;
  server: TargetProcess;
  headers: Record<string, string>;
  userId: string;
  /** PostgreSQL, when the server uses it: its CPU time is measured with the server's. */
  database?: PinnedPostgres;
}

/** How to start a server of a pair: what it is, its launch, its write headers, its database. */
interface SubjectSpec {
  target: TargetName;
  launch: TargetLaunch;
  headers?: Record<string, string>;
  database?: PinnedPostgres;
}

async function startSubject(ctx: RunContext, spec: SubjectSpec): Promise<Subject> {
  const { target, launch, headers = {}, database } = spec;
  const server = await startTarget(launch);
  try {
    const userId = await createSeedUser(ctx, server.url, headers);
    return { target, server, headers, userId, ...(database && { database }) };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** One row: the load, and the CPU time the server (and PostgreSQL) used per request meanwhile. */
async function measureRow(
  ctx: RunContext,
  report: BenchReport,
  subject: Subject,
  scenario: ScenarioKey,
  round: number,
): Promise<void> {
  const { target, server, database } = subject;
  let before = { server: 0, database: 0 };
  const cpuNow = () => ({
    server: treeCpuMs(server.pid),
    database: database ? treeCpuMs(database.pid) : 0,
  });
  const request = loadRequest(scenario, server.url, subject.userId, subject.headers);
  const result = await measure(ctx, request, () => {
    before = cpuNow();
  });
  const after = cpuNow();
  const perRequestUs = (ms: number) => (result.requests > 0 ? (ms * 1000) / result.requests : 0);
  report.rows.push({
    target,
    scenario,
    round,
    result,
    serverCpuUs: perRequestUs(after.server - before.server),
    ...(database && { databaseCpuUs: perRequestUs(after.database - before.database) }),
  });
  ctx.log(
    `${target}, ${SCENARIOS[scenario]}${round > 1 ? ` (round ${round})` : ''}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors`,
  );
}

/** A target on its own (the raw ceiling): its rows, its memory, stopped. */
async function benchAlone(ctx: RunContext, report: BenchReport, subject: Subject, scenarios: ScenarioKey[]) {
  try {
    for (const scenario of scenarios) await measureRow(ctx, report, subject, scenario, 1);
    report.residentMb[subject.target] = subject.server.residentMb();
  } finally {
    await subject.server.stop();
  }
}

/**
 * Bare Fastify and the service on the same driver, both running (the idle one on the same CPU
 * waits for requests), measured in alternation: every round runs each scenario on both, the one
 * that goes first swapping every round, so a drift of the machine's speed during the run weighs
 * on both sides alike. Both are started here; then the service's `GET /`, their memory, both stopped.
 */
async function benchPair(
  ctx: RunContext,
  report: BenchReport,
  bareSpec: SubjectSpec,
  serviceSpec: SubjectSpec,
): Promise<void> {
  const bare = await startSubject(ctx, bareSpec);
  const service = await startSubject(ctx, serviceSpec).catch(async (error: unknown) => {
    await bare.server.stop();
    throw error;
  });
  try {
    for (let round = 1; round <= ctx.settings.rounds; round++) {
      const order = round % 2 === 1 ? [bare, service] : [service, bare];
      for (const scenario of ['get', 'post'] as const) {
        for (const subject of order) await measureRow(ctx, report, subject, scenario, round);
      }
    }
    await measureRow(ctx, report, service, 'root', 1);
    for (const subject of [bare, service]) report.residentMb[subject.target] = subject.server.residentMb();
  } finally {
    await Promise.all([bare.server.stop(), service.server.stop()]);
  }
}

/** Spawn → ready of `settings.starts` starts, one after the other, each stopped before the next. */
async function measureStarts(ctx: RunContext, what: string, launch: () => Promise<TargetLaunch>) {
  const runs: number[] = [];
  for (let i = 0; i < ctx.settings.starts; i++) {
    const server = await startTarget(await launch());
    runs.push(server.startMs);
    await server.stop();
  }
  ctx.log(`${what}: ${runs.map((ms) => Math.round(ms)).join(', ')} ms`);
  return runs;
}

export async function runBenchmark(options: BenchOptions): Promise<BenchReport> {
  requireBenchTools();
  const log = options.log ?? (() => {});
  const workDir = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
  const ctx: RunContext = {
    settings: options.settings,
    cpus: planCpus(),
    serviceDir: options.serviceDir ?? SERVICE_DIR,
    workDir,
    // 32 characters, as the service requires of tokens and keys.
    credentials: {
      apiToken: randomBytes(24).toString('base64url'),
      secretKey: randomBytes(24).toString('base64url'),
    },
    seeded: 0,
    log,
  };
  const report: BenchReport = {
    settings: options.settings,
    machine: machineFacts(),
    cpus: ctx.cpus,
    rows: [],
    residentMb: {},
    startToReadyMs: [],
    referenceStartMs: [],
    profiles: [],
  };
  log(`wrk on CPU ${ctx.cpus.load}; servers and PostgreSQL on CPU ${ctx.cpus.server}`);
  log('building the service bundle (with source maps) ...');
  buildServiceBundle(ctx.serviceDir);
  log('starting PostgreSQL ...');
  const postgres = await startPinnedPostgres(ctx.cpus.server);
  try {
    const server = ctx.cpus.server;
    // The hello server answers every path alike: no user to create.
    const rawServer = await startTarget(peerLaunch(TARGETS.raw, server, { port: await freePort() }));
    await benchAlone(ctx, report, { target: TARGETS.raw, server: rawServer, headers: {}, userId: '' }, [
      'root',
    ]);

    const sqlite = { sqlitePath: join(workDir, 'service.db') };
    await benchPair(
      ctx,
      report,
      {
        target: TARGETS.bareSqlite,
        launch: peerLaunch(TARGETS.bareSqlite, server, {
          port: await freePort(),
          sqlitePath: join(workDir, 'bare.db'),
        }),
      },
      {
        target: TARGETS.serviceSqlite,
        launch: await serviceLaunchFor(ctx, sqlite, true),
        headers: writeHeaders(ctx),
      },
    );
    report.startToReadyMs = await measureStarts(ctx, 'start → ready', () =>
      serviceLaunchFor(ctx, sqlite, false),
    );
    // The reference: bare Fastify, one route, bundled alike.
    const referenceBundle = buildStartReference(workDir);
    report.referenceStartMs = await measureStarts(ctx, 'bare Fastify start → first 200', async () =>
      startReferenceLaunch(referenceBundle, server, await freePort()),
    );
    report.startProfile = await profileStart(ctx, sqlite);

    const pg = { databaseUrl: await postgres.createDatabase('service') };
    await benchPair(
      ctx,
      report,
      {
        target: TARGETS.barePostgres,
        launch: peerLaunch(TARGETS.barePostgres, server, {
          port: await freePort(),
          databaseUrl: await postgres.createDatabase('bare_fastify'),
          poolMax: POOL_MAX,
        }),
        database: postgres,
      },
      {
        target: TARGETS.servicePostgres,
        launch: await serviceLaunchFor(ctx, pg, true),
        headers: writeHeaders(ctx),
        database: postgres,
      },
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
