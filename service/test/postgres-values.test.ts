import { PATHS } from '@slipway/contract';
import { type PostgresServer, startPostgres } from '@slipway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, startTestApp, type TestApp } from './support/test-app.js';

// Values PostgreSQL refuses to store or compare (a NUL character in text, SQLSTATE class 22) are
// the client's mistake: 400, never a 500, and not counted as a database fault.
describe('values PostgreSQL refuses (real server)', () => {
  let postgres: PostgresServer;
  let t: TestApp;
  beforeAll(async () => {
    postgres = await startPostgres();
    t = await startTestApp({ DATABASE_URL: await postgres.createDatabase('values') });
  });
  afterAll(async () => {
    await t?.close();
    await postgres?.stop();
  });

  it('answers a NUL character in an id with a 400 problem', async () => {
    const response = await fetch(`${t.url}${PATHS.users}/abc%00def`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = await bodyOf(response);
    expect(body.type).toBe('urn:slipway:problem:validation-failed');
    expect(body.detail).toMatch(/NUL/);
  });

  it('does not count it as a database fault', async () => {
    const text = await t.metrics.registry.getSingleMetricAsString('db_errors_total');
    expect(text).not.toMatch(/reason="(other|unavailable|timeout)"\} [1-9]/);
    expect(text).toMatch(/reason="constraint"\} [1-9]/);
  });
});
