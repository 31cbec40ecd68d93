import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { METRICS, PATHS, UNMATCHED_ROUTE_LABEL } from '@slipway/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsServer } from '../src/metrics/metrics-server.js';
import { bodyOf, json, startTestApp, type TestApp } from './support/test-app.js';

describe('probes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('liveness answers 200 without touching the database', async () => {
    const queriesBefore = await t.metrics.dbDuration.get();
    const response = await fetch(`${t.url}${PATHS.liveness}`);
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toEqual({ status: 'ok' });
    expect(await t.metrics.dbDuration.get()).toEqual(queriesBefore);
  });

  it('readiness is 200 with the database status once ready, 503 while starting or draining', async () => {
    const ready = await fetch(`${t.url}${PATHS.readiness}`);
    expect(ready.status).toBe(200);
    expect(await bodyOf(ready)).toEqual({ status: 'ready', database: 'up' });
    t.lifecycle.markDraining();
    const draining = await fetch(`${t.url}${PATHS.readiness}`);
    expect(draining.status).toBe(503);
    expect((await bodyOf(draining)).status).toBe('draining');
    expect(draining.headers.get('connection')).toBe('close');
  });
});

describe('metrics', () => {
  let t: TestApp;
  let metricsUrl: string;
  let server: ReturnType<typeof createMetricsServer>;
  beforeAll(async () => {
    t = await startTestApp();
    server = createMetricsServer(t.metrics.registry);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    metricsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const created = await fetch(`${t.url}/api/users`, {
      method: 'POST',
      ...json({ dni: 'MET1', name: 'm' }),
    });
    const { id } = (await bodyOf(created)) as { id: string };
    await fetch(`${t.url}/api/users/${id}`);
    await fetch(`${t.url}/api/users/01900000-0000-7000-8000-000000000000`);
    await fetch(`${t.url}/definitely/not/a/route?x=1`);
  });
  afterAll(async () => {
    server?.close();
    await t?.close();
  });

  it('exposes Prometheus text on its own port and path only', async () => {
    const response = await fetch(`${metricsUrl}${PATHS.metrics}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect((await fetch(`${metricsUrl}/`)).status).toBe(404);
    expect((await fetch(`${t.url}${PATHS.metrics}`)).status).toBe(404); // not on the public port
  });

  it('labels requests by route template and status code, never by raw URL', async () => {
    const text = await (await fetch(`${metricsUrl}${PATHS.metrics}`)).text();
    expect(text).toContain(
      `${METRICS.httpRequestsTotal}{method="POST",route="/api/users",status_code="201"} 1`,
    );
    expect(text).toContain(
      `${METRICS.httpRequestsTotal}{method="GET",route="/api/users/:id",status_code="200"} 1`,
    );
    expect(text).toContain(
      `${METRICS.httpRequestsTotal}{method="GET",route="/api/users/:id",status_code="404"} 1`,
    );
    expect(text).toContain(`route="${UNMATCHED_ROUTE_LABEL}",status_code="404"`);
    expect(text).not.toContain('definitely');
    expect(text).not.toMatch(/route="\/api\/users\/[0-9a-f]{8}-/);
    expect(text).toContain(
      `${METRICS.httpRequestDuration}_bucket{le="0.3",method="GET",route="/api/users/:id",status_code="200"}`,
    );
  });

  it('exposes database, runtime and build metrics', async () => {
    const text = await (await fetch(`${metricsUrl}${PATHS.metrics}`)).text();
    expect(text).toMatch(
      new RegExp(`${METRICS.dbQueryDuration}_count\\{operation="insert",outcome="success"\\} \\d`),
    );
    expect(text).toMatch(
      new RegExp(`${METRICS.dbQueryDuration}_count\\{operation="select",outcome="success"\\} \\d`),
    );
    expect(text).toMatch(
      new RegExp(`${METRICS.buildInfo}\\{version="test",commit="test",node_version="v\\d+`),
    );
    expect(text).toContain(`${METRICS.ready} 1`);
    for (const name of [METRICS.eventLoopLag, METRICS.heapUsed, METRICS.residentMemory, METRICS.cpuSeconds]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });
});
