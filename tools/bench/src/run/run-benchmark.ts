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
import { buildServiceBundle, type ServiceDatabase } from '../targets/service-launch.js';
import { startTarget, type TargetLaunch } from '../targets/target-process.js';
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

/**
 * Starts a target, runs its scenarios, notes its memory and the CPU time it (and PostgreSQL, when
 * `database` is its process) used per request, stops it.
 */
async function benchTarget(
  ctx: RunContext,
  report: BenchReport,
  target: TargetName,
  launch: TargetLaunch,
  scenarios: ScenarioKey[],
  headers: Record<string, string> = {},
  database?: PinnedPostgres,
): Promise<void> {
  const server = await startTarget(launch);
  try {
    const userId = scenarios.includes('get') ? await createSeedUser(ctx, server.url, headers) : '';
    for (const scenario of scenarios) {
      let before = { server: 0, database: 0 };
      const cpuNow = () => ({
        server: treeCpuMs(server.pid),
        database: database ? treeCpuMs(database.pid) : 0,
      });
      const result = await measure(ctx, loadRequest(scenario, server.url, userId, headers), () => {
        before = cpuNow();
      });
      const after = cpuNow();
      const perRequestUs = (ms: number) => (result.requests > 0 ? (ms * 1000) / result.requests : 0);
      report.rows.push({
        target,
        scenario,
        result,
        serverCpuUs: perRequestUs(after.server - before.server),
        ...(database && { databaseCpuUs: perRequestUs(after.database - before.database) }),
      });
      ctx.log(
        `${target}, ${SCENARIOS[scenario]}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors`,
      );
    }
    report.residentMb[target] = server.residentMb();
  } finally {
    await server.stop();
  }
}

async function measureStartToReady(ctx: RunContext, database: ServiceDatabase): Promise<number[]> {
  const runs: number[] = [];
  for (let i = 0; i < ctx.settings.starts; i++) {
    const server = await startTarget(await serviceLaunchFor(ctx, database, false));
    runs.push(server.startMs);
    await server.stop();
  }
  ctx.log(`start → ready: ${runs.map((ms) => Math.round(ms)).join(', ')} ms`);
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
    report.startProfile = await profileStart(ctx, sqlite);

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
      {},
      postgres,
    );
    const pg = { databaseUrl: await postgres.createDatabase('service') };
    await benchTarget(
      ctx,
      report,
      TARGETS.servicePostgres,
      await serviceLaunchFor(ctx, pg, true),
      ['get', 'post', 'root'],
      writeHeaders(ctx),
      postgres,
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
