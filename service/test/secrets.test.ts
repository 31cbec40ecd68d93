import { PATHS, SECRET_SETTINGS } from '@slipway/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestApp, type TestApp, withToken } from './support/test-app.js';

// Distinctive values, so a leak anywhere is unmistakable.
const TOKEN_1 = 'tok-Zq81xLp0-a7c3e9f1b5d2c8e4f6a0b1';
const TOKEN_2 = 'tok-Wm27vKc9-d4b8f2a6c0e3b7d1f5a9c2';
const KEY = 'key-Hd93nBv7Qe-9f8e7d6c5b4a3f2e1d0c';
const SECRETS = {
  API_TOKENS: `${TOKEN_1},${TOKEN_2}`,
  SECRET_KEY: KEY,
  DB_PASSWORD: 'pw-Rt56yUi8Op',
};
const secretFragments = [TOKEN_1, TOKEN_2, KEY, 'pw-Rt56yUi8Op', 'Zq81', 'Hd93', 'Rt56'];

describe('secrets', () => {
  let t: TestApp;
  const bodies: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({ ...SECRETS, LOG_LEVEL: 'trace' });
    // Exercise successes and failures, with right and wrong tokens, to produce logs and error bodies.
    const calls: [string, RequestInit?][] = [
      [PATHS.config],
      ['/api/users', withToken(TOKEN_1, { method: 'POST', ...json({ dni: 'SECRET1', name: 'x' }) })],
      [
        '/api/users',
        withToken(`${TOKEN_1}-wrong`, { method: 'POST', ...json({ dni: 'SECRET2', name: 'x' }) }),
      ],
      [
        '/api/users',
        withToken(TOKEN_2, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{bad',
        }),
      ],
      [`/api/users?cursor=${TOKEN_1}`],
      ['/nope'],
    ];
    for (const [path, init] of calls) bodies.push(await (await fetch(`${t.url}${path}`, init)).text());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows secrets in /config only as "set" or "unset"', async () => {
    const shown = JSON.parse(bodies[0]!) as Record<string, unknown>;
    for (const name of SECRET_SETTINGS) expect(['set', 'unset']).toContain(shown[name]);
    expect(shown).toMatchObject({
      API_TOKENS: 'set',
      SECRET_KEY: 'set',
      DB_PASSWORD: 'set',
      DATABASE_URL: 'unset',
    });
    expect(shown.PORT).toBe(t.config.PORT);
  });

  it('never puts a secret, or a piece of one, in a response body', () => {
    for (const body of bodies) for (const fragment of secretFragments) expect(body).not.toContain(fragment);
  });

  it('never writes a secret, or the Authorization header, to the logs', () => {
    expect(t.logs.length).toBeGreaterThan(5);
    const all = t.logs.join('\n');
    for (const fragment of [TOKEN_1, TOKEN_2, KEY, 'pw-Rt56yUi8Op']) {
      expect(all).not.toContain(fragment);
    }
    expect(all.toLowerCase()).not.toContain('bearer tok');
  });
});

describe('a password inside DATABASE_URL', () => {
  it('is never shown by /config', async () => {
    const { redactConfig } = await import('../src/config/index.js');
    const { loadConfig } = await import('../src/config/index.js');
    const shown = redactConfig(loadConfig({ DATABASE_URL: 'postgres://app:pw-in-url-77@db:5432/slipway' }));
    expect(JSON.stringify(shown)).not.toContain('pw-in-url-77');
    expect(shown.DATABASE_URL).toBe('set');
  });
});
