import { type PostgresServer, startPostgres } from '@slipway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CONTENT_TYPE } from '../src/http/problem-types.js';
import { bodyOf, json, startTestApp, type TestApp } from './support/test-app.js';

// The whole users suite runs against SQLite and against a real PostgreSQL server started here.
let postgres: PostgresServer;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

let databaseCount = 0;
const dialects = [
  { name: 'sqlite', env: async () => ({}) },
  {
    name: 'postgres',
    env: async () => ({ DATABASE_URL: await postgres.createDatabase(`users_${++databaseCount}`) }),
  },
];

describe.each(dialects)('users API on $name', ({ env }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(await env());
  });
  afterAll(async () => {
    await t?.close();
  });

  const api = (path: string, init?: RequestInit) => fetch(`${t.url}/api/users${path}`, init);
  const create = async (dni: string, name = 'Someone') => {
    const response = await api('', { method: 'POST', ...json({ dni, name }) });
    expect(response.status).toBe(201);
    return (await response.json()) as {
      id: string;
      dni: string;
      name: string;
      createdAt: string;
      updatedAt: string;
    };
  };
  const expectProblem = async (response: Response, status: number, type: string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.type).toBe(`urn:slipway:problem:${type}`);
    expect(body.status).toBe(status);
    expect(body.detail).toEqual(expect.any(String));
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
    expect(JSON.stringify(body)).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
    return body;
  };

  it('creates a user: 201, Location, trimmed name, upper-cased dni, equal timestamps', async () => {
    const response = await api('', {
      method: 'POST',
      ...json({ dni: '12345678z', name: '  Ada Lovelace  ' }),
    });
    expect(response.status).toBe(201);
    const user = (await response.json()) as Record<string, string>;
    expect(response.headers.get('location')).toBe(`/api/users/${user.id}`);
    expect(user).toMatchObject({ dni: '12345678Z', name: 'Ada Lovelace' });
    expect(user.createdAt).toBe(user.updatedAt);
    const readBack = await fetch(`${t.url}${response.headers.get('location')}`);
    expect(await readBack.json()).toEqual(user);
  });

  it('answers on the collection with and without a trailing slash', async () => {
    const [a, b] = await Promise.all([api(''), api('/')]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(await b.json()).toEqual(await a.json());
  });

  it('rejects a duplicate dni with 409, case-insensitively, and allows it again after delete', async () => {
    const user = await create('DUP-1');
    await expectProblem(
      await api('', { method: 'POST', ...json({ dni: 'dup-1', name: 'x' }) }),
      409,
      'duplicate-dni',
    );
    expect((await api(`/${user.id}`, { method: 'DELETE' })).status).toBe(204);
    await create('DUP-1');
  });

  it('PUT replaces dni and name; createdAt stays, updatedAt moves forward', async () => {
    const user = await create('PUT-1', 'Before');
    const response = await api(`/${user.id}`, { method: 'PUT', ...json({ dni: 'PUT-2', name: 'After' }) });
    expect(response.status).toBe(200);
    const updated = (await response.json()) as typeof user;
    expect(updated).toMatchObject({ id: user.id, dni: 'PUT-2', name: 'After', createdAt: user.createdAt });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(user.updatedAt));
  });

  it('PATCH changes one field, may change the dni, and rejects an empty patch', async () => {
    const user = await create('PATCH-1', 'Name');
    const renamed = (await (
      await api(`/${user.id}`, { method: 'PATCH', ...json({ name: 'New' }) })
    ).json()) as typeof user;
    expect(renamed).toMatchObject({ dni: 'PATCH-1', name: 'New', createdAt: user.createdAt });
    const redni = (await (
      await api(`/${user.id}`, { method: 'PATCH', ...json({ dni: 'patch-2' }) })
    ).json()) as typeof user;
    expect(redni).toMatchObject({ dni: 'PATCH-2', name: 'New' });
    expect(Date.parse(redni.updatedAt)).toBeGreaterThan(Date.parse(renamed.updatedAt));
    await expectProblem(await api(`/${user.id}`, { method: 'PATCH', ...json({}) }), 400, 'validation-failed');
  });

  it('PUT/PATCH to a dni another user has is 409 and changes nothing', async () => {
    const a = await create('TAKEN-A', 'A');
    const b = await create('TAKEN-B', 'B');
    await expectProblem(
      await api(`/${b.id}`, { method: 'PATCH', ...json({ dni: 'taken-a' }) }),
      409,
      'duplicate-dni',
    );
    await expectProblem(
      await api(`/${b.id}`, { method: 'PUT', ...json({ dni: 'TAKEN-A', name: 'Changed' }) }),
      409,
      'duplicate-dni',
    );
    expect(await (await api(`/${b.id}`)).json()).toEqual(b);
    expect(await (await api(`/${a.id}`)).json()).toEqual(a);
  });

  it('answers 404 for unknown ids on every verb', async () => {
    const id = '01900000-0000-7000-8000-000000000000';
    await expectProblem(await api(`/${id}`), 404, 'not-found');
    await expectProblem(
      await api(`/${id}`, { method: 'PUT', ...json({ dni: 'X', name: 'Y' }) }),
      404,
      'not-found',
    );
    await expectProblem(await api(`/${id}`, { method: 'PATCH', ...json({ name: 'Y' }) }), 404, 'not-found');
    await expectProblem(await api(`/${id}`, { method: 'DELETE' }), 404, 'not-found');
  });

  it.each([
    ['unknown field', { dni: 'A1', name: 'x', admin: true }, 'admin'],
    ['missing dni', { name: 'x' }, 'dni'],
    ['dni too long', { dni: '12345678901234', name: 'x' }, 'dni'],
    ['dni with a space', { dni: '1234 5678', name: 'x' }, 'dni'],
    ['empty dni', { dni: '', name: 'x' }, 'dni'],
    ['name only whitespace', { dni: 'A2', name: '   ' }, 'name'],
    ['name over 100 characters', { dni: 'A3', name: 'n'.repeat(101) }, 'name'],
    ['name with a control character', { dni: 'A4', name: 'a\u0007b' }, 'name'],
    ['dni not a string', { dni: 12345, name: 'x' }, 'dni'],
  ])('rejects %s with 400 naming the field, and writes nothing', async (_case, body, field) => {
    const before = (await (await api('?limit=100')).json()) as { items: unknown[] };
    const problem = await expectProblem(
      await api('', { method: 'POST', ...json(body) }),
      400,
      'validation-failed',
    );
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    const after = (await (await api('?limit=100')).json()) as { items: unknown[] };
    expect(after.items).toHaveLength(before.items.length);
  });

  it('accepts a name of exactly 100 characters, and trims surrounding whitespace', async () => {
    const response = await api('', { method: 'POST', ...json({ dni: 'LEN-100', name: 'n'.repeat(100) }) });
    expect(response.status).toBe(201);
    const padded = await api('', { method: 'POST', ...json({ dni: 'PAD-1', name: '  Ada Lovelace ' }) });
    expect((await bodyOf(padded)).name).toBe('Ada Lovelace');
  });

  it('rejects malformed JSON (400), a wrong content type (415) and an oversized body (413)', async () => {
    await expectProblem(
      await api('', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"dni": "X1",',
      }),
      400,
      'malformed-json',
    );
    await expectProblem(
      await api('', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'dni=X1' }),
      415,
      'unsupported-media-type',
    );
    await expectProblem(
      await api('', { method: 'POST', ...json({ dni: 'BIG', name: 'x'.repeat(t.config.BODY_LIMIT_BYTES) }) }),
      413,
      'payload-too-large',
    );
  });

  it('paginates with a stable order, a signed cursor and a bounded limit', async () => {
    const t2 = await startTestApp(
      t.config.DATABASE_URL ? { DATABASE_URL: await postgres.createDatabase(`page_${++databaseCount}`) } : {},
    );
    try {
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await fetch(`${t2.url}/api/users`, {
          method: 'POST',
          ...json({ dni: `PAGE-${i}`, name: `P${i}` }),
        });
        ids.push(((await r.json()) as { id: string }).id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=3&cursor=${encodeURIComponent(cursor)}` : '?limit=3';
        const page = (await (await fetch(`${t2.url}/api/users${query}`)).json()) as {
          items: { id: string }[];
          nextCursor: string | null;
        };
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((u) => u.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ids);
      const defaultPage = (await (await fetch(`${t2.url}/api/users`)).json()) as { items: unknown[] };
      expect(defaultPage.items).toHaveLength(7);

      await expectProblem(await fetch(`${t2.url}/api/users?limit=101`), 400, 'validation-failed');
      await expectProblem(await fetch(`${t2.url}/api/users?limit=0`), 400, 'validation-failed');
      await expectProblem(await fetch(`${t2.url}/api/users?cursor=forged.cursor`), 400, 'invalid-cursor');
      await expectProblem(await fetch(`${t2.url}/api/users?colour=red`), 400, 'validation-failed');
    } finally {
      await t2.close();
    }
  });
});
