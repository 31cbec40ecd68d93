import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, json, startTestApp, type TestApp, withToken } from './support/test-app.js';

// Configured tokens are at least 32 characters (the service refuses shorter ones).
const FIRST = 'first-token-value-0123456789abcdef';
const SECOND = 'second-token-value-0123456789abcdef';

describe('bearer tokens on writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_TOKENS: `${FIRST}, ${SECOND}` });
  });
  afterAll(async () => {
    await t?.close();
  });
  const post = (init: RequestInit = {}) =>
    fetch(`${t.url}/api/users`, {
      method: 'POST',
      ...json({ dni: `AUTH-${Math.random()}`.slice(0, 13), name: 'x' }),
      ...init,
    });

  it('answers 401 with WWW-Authenticate when no token is sent', async () => {
    const response = await post();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect((await bodyOf(response)).type).toBe('urn:slipway:problem:unauthorized');
  });

  it('answers 403 for a wrong token, including a prefix of a right one', async () => {
    for (const token of ['wrong', FIRST.slice(0, -1), `${FIRST}-and-more`]) {
      const response = await fetch(
        `${t.url}/api/users`,
        withToken(token, { method: 'POST', ...json({ dni: 'A', name: 'x' }) }),
      );
      expect(response.status).toBe(403);
      expect((await bodyOf(response)).type).toBe('urn:slipway:problem:forbidden');
    }
  });

  it('accepts every configured token, and writes nothing when refused', async () => {
    const before = (await bodyOf(await fetch(`${t.url}/api/users`))).items.length;
    await post({ headers: { 'content-type': 'application/json', authorization: 'Bearer nope' } });
    expect((await bodyOf(await fetch(`${t.url}/api/users`))).items.length).toBe(before);
    for (const token of [FIRST, SECOND]) {
      const response = await fetch(
        `${t.url}/api/users`,
        withToken(token, { method: 'POST', ...json({ dni: `T${token.length}${token[0]}`, name: 'x' }) }),
      );
      expect(response.status).toBe(201);
    }
  });

  it('protects PUT, PATCH and DELETE too, and leaves reads open', async () => {
    const id = 'any-id';
    expect(
      (await fetch(`${t.url}/api/users/${id}`, { method: 'PUT', ...json({ dni: 'A', name: 'b' }) })).status,
    ).toBe(401);
    expect(
      (await fetch(`${t.url}/api/users/${id}`, { method: 'PATCH', ...json({ name: 'b' }) })).status,
    ).toBe(401);
    expect((await fetch(`${t.url}/api/users/${id}`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${t.url}/api/users/${id}`)).status).toBe(404);
  });
});

describe('with no token configured (the local default)', () => {
  it('leaves writes open', async () => {
    const t = await startTestApp();
    try {
      expect(
        (await fetch(`${t.url}/api/users`, { method: 'POST', ...json({ dni: 'OPEN1', name: 'x' }) })).status,
      ).toBe(201);
    } finally {
      await t.close();
    }
  });
});
