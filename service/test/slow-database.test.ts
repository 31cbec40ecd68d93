import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, startTestApp, type TestApp } from './support/test-app.js';

// A fake PostgreSQL that accepts TCP connections and never answers: the worst kind of slow
// database (a real server cannot be made to hang on the handshake on demand).
describe('a database that accepts connections but never answers (fake TCP black hole)', () => {
  let blackHole: Server;
  const sockets: Socket[] = [];
  let t: TestApp;
  beforeAll(async () => {
    blackHole = createServer((socket) => sockets.push(socket));
    blackHole.listen(0, '127.0.0.1');
    await once(blackHole, 'listening');
    const port = (blackHole.address() as AddressInfo).port;
    t = await startTestApp(
      {
        DATABASE_URL: `postgres://u:p@127.0.0.1:${port}/db`,
        DB_CONNECT_TIMEOUT_MS: '500',
        DB_QUERY_TIMEOUT_MS: '500',
      },
      { migrate: false },
    );
  });
  afterAll(async () => {
    await t?.close().catch(() => {});
    for (const socket of sockets) socket.destroy();
    blackHole?.close();
  });

  it('fails database routes within the bound with 503 and Retry-After', async () => {
    const started = performance.now();
    const response = await fetch(`${t.url}/api/users`);
    const elapsed = performance.now() - started;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await bodyOf(response)).type).toBe('urn:slipway:problem:database-unavailable');
    expect(elapsed).toBeLessThan(3_000);
  });

  it('counts the failures in db_errors_total', async () => {
    const text = await t.metrics.registry.getSingleMetricAsString('db_errors_total');
    expect(text).toMatch(/db_errors_total\{operation="connect",reason="(timeout|unavailable)"\} [1-9]/);
  });
});
