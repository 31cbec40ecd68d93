import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Config } from '@slipway/contract';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { createDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { createServiceMetrics, type ServiceMetrics } from '../../src/metrics/service-metrics.js';
import { createLifecycle, type Lifecycle } from '../../src/runtime/lifecycle.js';
import { createTracing } from '../../src/tracing/index.js';

export interface TestApp {
  url: string;
  app: FastifyInstance;
  config: Config;
  database: Database;
  metrics: ServiceMetrics;
  lifecycle: Lifecycle;
  /** Every log line written so far (raw JSON text). */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The real app (every plugin and hook) listening on a random loopback port, backed by a fresh
 * SQLite file, or by PostgreSQL when `env.DATABASE_URL` is set. Requests go through real HTTP.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  {
    migrate = true,
    configOverride = {},
  }: {
    migrate?: boolean;
    /** Values set after validation: for tests that need a configuration the loader refuses. */
    configOverride?: Partial<Config>;
  } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'slipway-test-'));
  const config: Config = {
    ...loadConfig({
      HOST: '127.0.0.1',
      SQLITE_PATH: join(dataDir, 'slipway.db'),
      LOG_LEVEL: 'info',
      // A busy test machine can stall the event loop for a moment; shedding is tested on its own.
      LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    }),
    ...configOverride,
  };
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const metrics = createServiceMetrics({ version: 'test', commit: 'test' });
  const lifecycle = createLifecycle(metrics);
  const database = await createDatabase(config, { metrics });
  if (migrate) await migrateToLatest(database);
  const tracing = await createTracing(config);
  const app = await buildApp({ config, database, metrics, lifecycle, tracing, logStream });
  await app.listen({ host: '127.0.0.1', port: 0 });
  lifecycle.markReady();
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    config,
    database,
    metrics,
    lifecycle,
    logs,
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const withToken = (token: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
});

/** A parsed JSON response body, loosely typed for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON
export type JsonBody = Record<string, any>;
export const bodyOf = async (response: Response): Promise<JsonBody> => (await response.json()) as JsonBody;
