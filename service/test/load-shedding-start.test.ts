import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PATHS } from '@slipway/contract';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/index.js';
import { createDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { createServiceMetrics } from '../src/metrics/service-metrics.js';
import { createLifecycle } from '../src/runtime/lifecycle.js';
import { createTracing } from '../src/tracing/index.js';

// A start-up that holds the event loop (a busy node: the bundle loading, schemas compiling) must
// not make the replica shed its first requests once it serves: the load-shedding sample that
// covers the start-up says nothing about the traffic that follows.
describe('load shedding right after a slow start', () => {
  it('serves the first requests instead of answering 503 overloaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-shed-'));
    const config = loadConfig({
      HOST: '127.0.0.1',
      SQLITE_PATH: join(dir, 'slipway.db'),
      LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '500',
      LOG_LEVEL: 'silent',
    });
    const metrics = createServiceMetrics({ version: 'test', commit: 'test' });
    const lifecycle = createLifecycle(metrics);
    const database = await createDatabase(config, { metrics });
    await migrateToLatest(database);
    const logStream = new Writable({ write: (_chunk, _encoding, done) => done() });
    const app = await buildApp({
      config,
      database,
      metrics,
      lifecycle,
      tracing: await createTracing(config),
      logStream,
    });
    try {
      // The start-up stall: longer than one load-shedding sample.
      const until = Date.now() + 1_500;
      while (Date.now() < until) {}
      await app.listen({ host: '127.0.0.1', port: 0 });
      lifecycle.markReady();
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('no address');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`http://127.0.0.1:${address.port}${PATHS.users}`);
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
    } finally {
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
