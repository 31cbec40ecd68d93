import { Writable } from 'node:stream';
import { PATHS } from '@slipway/contract';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../src/logging/logger-options.js';
import { json, startTestApp, type TestApp, withToken } from './support/test-app.js';

// Secrets that masking by value would find everywhere: "t" is in "time", "0" in every number,
// "postgres" in ordinary text. The loader refuses the first two (too short); they are set here past
// it, because a configuration that reaches the logger must never be able to corrupt the logs.
const SHORT_SECRETS = { API_TOKENS: '0,t', SECRET_KEY: 't', DB_PASSWORD: 'postgres' };

describe('log lines with short and common secrets configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'trace' }, { configOverride: SHORT_SECRETS });
    await fetch(
      `${t.url}/api/users`,
      withToken('t', { method: 'POST', ...json({ dni: 'LOG1', name: 'x' }) }),
    );
    await fetch(`${t.url}/api/users/postgres`, { headers: { cookie: 'session=postgres' } });
    await fetch(`${t.url}${PATHS.users}?limit=10&cursor=0`);
    await fetch(`${t.url}/no-such-route`, { headers: { authorization: 'Bearer 0' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('are each valid JSON with their keys intact', () => {
    const requestLines = t.logs.filter((line) => line.includes('request completed'));
    expect(requestLines.length).toBeGreaterThanOrEqual(4);
    for (const line of t.logs) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(entry)).toEqual(expect.arrayContaining(['level', 'time', 'msg']));
      expect(typeof entry.time).toBe('number');
    }
  });

  it('keep ordinary text that happens to equal a secret', () => {
    const urls = t.logs.map((line) => (JSON.parse(line) as { url?: string }).url);
    expect(urls).toContain('/api/users/postgres');
    expect(urls).toContain('/no-such-route');
  });

  it('carry no credential: no Authorization or Cookie header, no query string', () => {
    const all = t.logs.join('\n');
    expect(all).not.toMatch(/bearer/i);
    expect(all).not.toContain('session=');
    expect(all).not.toContain('cursor=');
  });
});

describe('the logger redacts by structure', () => {
  it('replaces credential headers of a logged request with [redacted] and leaves the rest as it was', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const options = loggerOptions({ LOG_LEVEL: 'info' } as never, () => ({}), sink) as pino.LoggerOptions;
    const log = pino(options, sink);
    log.info(
      {
        req: { method: 'GET', headers: { authorization: 'Bearer abc', cookie: 'a=b', host: 'api.example' } },
        res: { headers: { 'set-cookie': 'a=b', 'content-type': 'application/json' } },
      },
      'a request',
    );
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry.req.headers).toEqual({
      authorization: '[redacted]',
      cookie: '[redacted]',
      host: 'api.example',
    });
    expect(entry.res.headers).toEqual({ 'set-cookie': '[redacted]', 'content-type': 'application/json' });
    expect(entry.msg).toBe('a request');
  });
});
