import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PATHS } from '@slipway/contract';
import { startPostgres } from '@slipway/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { createDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { bodyOf } from './support/test-app.js';

const serviceDir = join(import.meta.dirname, '..');

function runMigrateCommand(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/migrate.ts'], {
    cwd: serviceDir,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('the migrate command and MIGRATE_ON_START=false (how Kubernetes runs them)', () => {
  it('waits, not ready, until the migrate command has applied the schema, then becomes ready', async () => {
    const sqlitePath = join(mkdtempSync(join(tmpdir(), 'slipway-migrate-')), 'slipway.db');
    const waiting = await startServiceProcessWithoutWaiting(sqlitePath);
    try {
      await sleep(1500);
      const before = await fetch(`${waiting.url}${PATHS.readiness}`);
      expect(before.status).toBe(503);
      expect((await bodyOf(before)).status).toBe('starting');
      expect((await fetch(`${waiting.url}${PATHS.liveness}`)).status).toBe(200);

      const first = runMigrateCommand({ SQLITE_PATH: sqlitePath });
      expect(first.status).toBe(0);
      expect(first.stdout).toContain('"applied":["0001-create-users"]');
      const second = runMigrateCommand({ SQLITE_PATH: sqlitePath });
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('nothing to migrate');

      let status = 0;
      for (let i = 0; i < 40 && status !== 200; i++) {
        status = (await fetch(`${waiting.url}${PATHS.readiness}`)).status;
        if (status !== 200) await sleep(250);
      }
      expect(status).toBe(200);
    } finally {
      await waiting.stop();
    }
  }, 60_000);

  it('exits non-zero with a clear message when the database cannot be opened', () => {
    // A regular file where the database folder should be: no user, not even root, can create it.
    const blocker = join(mkdtempSync(join(tmpdir(), 'slipway-migrate-')), 'not-a-folder');
    writeFileSync(blocker, '');
    const result = runMigrateCommand({ SQLITE_PATH: join(blocker, 'slipway.db') });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^migration failed: cannot open the SQLite database at .*point SQLITE_PATH at a file/,
    );
  });
});

describe('the migrations on each database', () => {
  it('store timestamps as timestamptz on PostgreSQL and as text on SQLite', async () => {
    const postgres = await startPostgres();
    const sqlitePath = join(mkdtempSync(join(tmpdir(), 'slipway-migrate-')), 'slipway.db');
    const onPostgres = await createDatabase(
      loadConfig({ DATABASE_URL: await postgres.createDatabase('types') }),
    );
    const onSqlite = await createDatabase(loadConfig({ SQLITE_PATH: sqlitePath }));
    try {
      await migrateToLatest(onPostgres);
      await migrateToLatest(onSqlite);
      const pgColumn = await sql<{ data_type: string }>`
        select data_type from information_schema.columns
        where table_name = 'users' and column_name = 'created_at'`.execute(onPostgres.db);
      expect(pgColumn.rows).toEqual([{ data_type: 'timestamp with time zone' }]);
      const sqliteColumn = await sql<{ type: string }>`
        select type from pragma_table_info('users') where name = 'created_at'`.execute(onSqlite.db);
      expect(sqliteColumn.rows).toEqual([{ type: 'TEXT' }]);
    } finally {
      await onPostgres.close();
      await onSqlite.close();
      await postgres.stop();
    }
  });
});

/** The real service with MIGRATE_ON_START=false, returned as soon as it serves /healthz. */
async function startServiceProcessWithoutWaiting(sqlitePath: string) {
  const { spawn } = await import('node:child_process');
  const { freePort, loopbackServiceEnv, waitForHttp } = await import('@slipway/testing');
  const [port, metricsPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: serviceDir,
    env: {
      ...loopbackServiceEnv(port, metricsPort),
      SQLITE_PATH: sqlitePath,
      MIGRATE_ON_START: 'false',
      SHUTDOWN_DRAIN_SECONDS: '0',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}${PATHS.liveness}`);
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
