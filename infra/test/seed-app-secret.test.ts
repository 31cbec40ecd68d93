import { describe, expect, it } from 'vitest';
import { API_TOKENS_KEY, seed, withApiToken } from '../src/functions/seed-app-secret/index.mjs';

/** An in-memory stand-in for Secrets Manager (no AWS here); the handler code under test is real. */
function secretStore(initial: Record<string, string>) {
  const values = new Map(Object.entries(initial));
  const writes: string[] = [];
  return {
    values,
    writes,
    read: async (id: string) => values.get(id),
    write: async (id: string, value: string) => {
      writes.push(id);
      values.set(id, value);
    },
  };
}

describe('seeding the first API token into the app secret', () => {
  it('adds a random 64-hex-character token and keeps the generated SECRET_KEY', async () => {
    const store = secretStore({ app: JSON.stringify({ SECRET_KEY: 'k'.repeat(64) }) });
    expect(await seed(store, 'app')).toBe('seeded');
    const value = JSON.parse(store.values.get('app')!);
    expect(value.SECRET_KEY).toBe('k'.repeat(64));
    expect(value[API_TOKENS_KEY]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never replaces tokens that are already there (re-runs and operator-issued tokens)', async () => {
    const store = secretStore({ app: JSON.stringify({ SECRET_KEY: 'k', API_TOKENS: 'operator-token' }) });
    expect(await seed(store, 'app')).toBe('already seeded');
    expect(store.writes).toEqual([]);
    expect(withApiToken(JSON.stringify({ API_TOKENS: '' }), 't')).toBe(JSON.stringify({ API_TOKENS: 't' }));
  });

  it('gives two secrets two different tokens', async () => {
    const store = secretStore({ a: '{}', b: '{}' });
    await seed(store, 'a');
    await seed(store, 'b');
    expect(JSON.parse(store.values.get('a')!).API_TOKENS).not.toBe(
      JSON.parse(store.values.get('b')!).API_TOKENS,
    );
  });
});
