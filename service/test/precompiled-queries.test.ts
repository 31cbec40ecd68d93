import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PostgresServer, startPostgres } from '@slipway/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { createDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { createUsersRepository } from '../src/users/users-repository.js';

// The users queries of the hot path are compiled once at start and, on PostgreSQL, prepared once
// per connection as named statements (db/precompiled-query.ts, db/pg-named-statements.ts).
describe('queries compiled once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-precompiled-'));
  let database: Database;
  beforeAll(async () => {
    database = await createDatabase(loadConfig({ SQLITE_PATH: join(dir, 'slipway.db') }));
    await migrateToLatest(database);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('put each run’s values in, in the places the query names them', async () => {
    const byDniAndName = database.precompile('select_by_dni_and_name', (v: { name: string; dni: string }) =>
      database.db.selectFrom('users').select(['id']).where('dni', '=', v.dni).where('name', '=', v.name),
    );
    const users = createUsersRepository(database);
    const ada = await users.create({ dni: 'PRE1', name: 'Ada' });
    await users.create({ dni: 'PRE2', name: 'Ada' });

    expect((await database.db.executeQuery(byDniAndName({ dni: 'PRE1', name: 'Ada' }))).rows).toEqual([
      { id: ada.id },
    ]);
    expect((await database.db.executeQuery(byDniAndName({ dni: 'PRE1', name: 'Bob' }))).rows).toEqual([]);
  });

  it('refuse, at start, a value that is not one of the run’s (it would be pinned for every run)', () => {
    expect(() =>
      database.precompile('select_pinned', (v: { id: string }) =>
        database.db.selectFrom('users').select(['id']).where('id', '=', v.id).where('dni', '=', 'PINNED'),
      ),
    ).toThrow(/parameter 2 is not one of the query's values/);
  });
});

describe('the users queries on PostgreSQL', () => {
  let postgres: PostgresServer;
  let database: Database;
  beforeAll(async () => {
    postgres = await startPostgres();
    // One connection, so the statements it has prepared are the ones every query used.
    database = await createDatabase(
      loadConfig({ DATABASE_URL: await postgres.createDatabase('precompiled'), DB_POOL_MAX: '1' }),
    );
    await migrateToLatest(database);
  });
  afterAll(async () => {
    await database?.close();
    await postgres?.stop();
  });

  it('are prepared once per connection as named statements and answer as before', async () => {
    const users = createUsersRepository(database);
    const created = await users.create({ dni: 'NAMED1', name: 'Grace' });
    for (let i = 0; i < 3; i++) expect(await users.get(created.id)).toEqual(created);
    expect((await users.list(10, undefined)).users).toEqual([created]);
    expect(await users.delete(created.id)).toBe(true);
    expect(await users.get(created.id)).toBeUndefined();

    const prepared = await sql<{
      name: string;
    }>`select name from pg_prepared_statements order by name`.execute(database.db);
    expect(prepared.rows.map((row) => row.name)).toEqual([
      'delete_user',
      'insert_user',
      'select_user',
      'select_users_page',
    ]);
  });

  it('refuse two different queries under one statement name', () => {
    const build = (v: { id: string }) =>
      database.db.selectFrom('users').select(['id']).where('id', '=', v.id);
    database.precompile('select_twice', build);
    expect(() => database.precompile('select_twice', build)).not.toThrow();
    expect(() =>
      database.precompile('select_twice', (v: { id: string }) =>
        database.db.selectFrom('users').select(['dni']).where('id', '=', v.id),
      ),
    ).toThrow(/two different queries are both named "select_twice"/);
  });
});
