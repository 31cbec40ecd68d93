import { PATHS } from '@slipway/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_HEADERS } from '../src/plugins/security-headers.js';
import { json, startTestApp, type TestApp, withToken } from './support/test-app.js';

// The per-request work is kept small (one synchronous hook each, header sets fixed at start, one
// hook for the log line and the metrics): these pin what it must still produce for every request.
const TOKEN = 'request-log-and-headers-token-0123456789';

describe('what every request gets, however cheaply it is produced', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_TOKENS: TOKEN, RATE_LIMIT_MAX: '1000' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a request id of its own on every response, with the whole API header set, errors included', async () => {
    const responses = [
      await fetch(`${t.url}${PATHS.root}`),
      await fetch(`${t.url}${PATHS.root}`),
      await fetch(`${t.url}${PATHS.users}/no-such-user`),
      await fetch(`${t.url}${PATHS.users}`, { method: 'POST', ...json({ dni: 'HDR1', name: 'x' }) }),
      await fetch(`${t.url}/no/such/route`),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 401, 404]);
    const ids = responses.map((r) => r.headers.get('x-request-id'));
    expect(new Set(ids).size).toBe(responses.length);
    for (const response of responses) {
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      for (const [name, value] of Object.entries(API_HEADERS)) {
        expect(response.headers.get(name), `${response.url}: ${name}`).toBe(value);
      }
    }
  });

  it('one log line per request with its fields: request id, method, path without the query, route template, status, duration', async () => {
    const requestId = 'log-line-fields.1';
    await (
      await fetch(`${t.url}${PATHS.users}/someone?secret=1`, { headers: { 'x-request-id': requestId } })
    ).arrayBuffer();
    const created = await fetch(
      `${t.url}${PATHS.users}`,
      withToken(TOKEN, { method: 'POST', ...json({ dni: 'LOGF1', name: 'Log Fields' }) }),
    );
    const createdId = created.headers.get('x-request-id');

    const lines = t.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === 'request completed');
    const get = lines.filter((entry) => entry.reqId === requestId);
    expect(get).toHaveLength(1);
    expect(get[0]).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: process.pid,
      hostname: expect.any(String),
      reqId: requestId,
      method: 'GET',
      url: `${PATHS.users}/someone`,
      route: `${PATHS.users}/:id`,
      statusCode: 404,
      durationMs: expect.any(Number),
      msg: 'request completed',
    });
    expect(lines.find((entry) => entry.reqId === createdId)).toMatchObject({
      method: 'POST',
      url: PATHS.users,
      route: PATHS.users,
      statusCode: 201,
    });
  });
});
