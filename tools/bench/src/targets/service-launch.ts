/**
 * How the service starts for the benchmark: its esbuild bundle (what the image runs) with every
 * production feature on, as deploy/ configures production, except where the benchmark must differ.
 */
import { execFileSync } from 'node:child_process';
import { type ConfigName, PATHS, SERVE_COMMAND } from '@slipway/contract';
import { loopbackServiceEnv } from '@slipway/testing';
import type { TargetLaunch } from './target-process.js';

/**
 * The service's `npm run build` (the esbuild bundle in dist/) with source maps, which let the CPU
 * profile name source files. The code is the same as without them: only a trailing comment per
 * file and the chunks' file names differ.
 */
export function buildServiceBundle(serviceDir: string): void {
  execFileSync('npm', ['run', 'build', '--', '--sourcemap'], {
    cwd: serviceDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export type ServiceDatabase = { sqlitePath: string } | { databaseUrl: string };

export interface ServiceLaunchOptions {
  /** The service workspace whose dist/ holds the bundle. */
  serviceDir: string;
  cpu: number;
  port: number;
  metricsPort: number;
  database: ServiceDatabase;
  /** A bearer token for writes, at least 32 characters. */
  apiToken: string;
  secretKey: string;
  /** Apply migrations at start (the first start on a database) or not (as Kubernetes runs it). */
  migrate: boolean;
  /** Write a V8 CPU profile into this folder when the process exits. */
  cpuProfileDir?: string;
}

export function serviceLaunch(options: ServiceLaunchOptions): TargetLaunch {
  const settings: Partial<Record<ConfigName, string>> = {
    // One JSON log line per request at info, as in production; written to /dev/null, so
    // serialising and writing it costs what it costs, minus a log collector reading the pipe.
    LOG_LEVEL: 'info',
    // Rate limiting on, its limit far above the offered load (one client address sends it all).
    RATE_LIMIT_MAX: '1000000000',
    // Load shedding on, at the production threshold.
    LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '1000',
    // As production: no API docs, behind a proxy, no tracing endpoint (tracing off).
    DOCS_ENABLED: 'false',
    TRUST_PROXY: 'true',
    OTEL_EXPORTER_OTLP_ENDPOINT: '',
    FAULT_INJECTION_ENABLED: 'false',
    SQLITE_SYNCHRONOUS: 'NORMAL',
    API_TOKENS: options.apiToken,
    SECRET_KEY: options.secretKey,
    MIGRATE_ON_START: String(options.migrate),
    // Stop at once: a drain only matters behind a load balancer.
    SHUTDOWN_DRAIN_SECONDS: '0',
    ...('sqlitePath' in options.database
      ? { SQLITE_PATH: options.database.sqlitePath }
      : { DATABASE_URL: options.database.databaseUrl }),
  };
  const profile =
    options.cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`];
  return {
    name: 'the service',
    cpu: options.cpu,
    nodeArgs: [...profile, ...SERVE_COMMAND],
    cwd: options.serviceDir,
    env: { ...loopbackServiceEnv(options.port, options.metricsPort), ...settings },
    port: options.port,
    readyPath: PATHS.readiness,
    readyStatus: 200,
  };
}
