import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PATHS } from '@slipway/contract';
import { type PostgresServer, startPostgres, startServiceProcess } from '@slipway/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { createDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { bodyOf } from './support/test-app.js';

describe('PostgreSQL outage and recovery (real server stopped and restarted)', () => {
  let postgres: PostgresServer;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  it('answers 503 with Retry-After quickly while the database is down, keeps /healthz up, and recovers by itself', async () => {
    const service = await startServiceProcess({
      DATABASE_URL: await postgres.createDatabase('outage'),
      DB_CONNECT_TIMEOUT_MS: '1000',
      DB_QUERY_TIMEOUT_MS: '1000',
    });
    try {
      const created = await fetch(`${service.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ dni: 'OUTAGE1', name: 'before' }),
      });
      expect(created.status).toBe(201);
      const { id } = (await bodyOf(created)) as { id: string };

      await postgres.pause();
      const started = performance.now();
      const down = await fetch(`${service.url}/api/users/${id}`);
      const elapsed = performance.now() - started;
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await bodyOf(down)).type).toBe('urn:slipway:problem:database-unavailable');
      expect(elapsed).toBeLessThan(5_000); // bounded by the connect timeout, never hanging
      expect((await fetch(`${service.url}${PATHS.liveness}`)).status).toBe(200);
      const readiness = await fetch(`${service.url}${PATHS.readiness}`);
      expect(readiness.status).toBe(200); // a database blip must not pull every replica
      expect(await bodyOf(readiness)).toEqual({ status: 'ready', database: 'down' });

      await postgres.start();
      let recovered = 0;
      for (let attempt = 0; attempt < 50 && recovered !== 200; attempt++) {
        recovered = (await fetch(`${service.url}/api/users/${id}`)).status;
        if (recovered !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(recovered).toBe(200);
      expect((await bodyOf(await fetch(`${service.url}${PATHS.readiness}`))).database).toBe('up');
      expect(service.child.exitCode).toBeNull(); // recovered without a restart
    } finally {
      await service.stop();
    }
  });

  it('picks up a rotated password from DB_PASSWORD_FILE for new connections, without a restart', async () => {
    const url = new URL(await postgres.createDatabase('rotation'));
    const oldPassword = decodeURIComponent(url.password);
    url.password = '';
    const passwordFile = join(mkdtempSync(join(tmpdir(), 'slipway-secret-')), 'db-password');
    writeFileSync(passwordFile, `${oldPassword}\n`);
    const service = await startServiceProcess({
      DATABASE_URL: url.toString(),
      DB_PASSWORD_FILE: passwordFile,
    });
    const admin = new pg.Client(postgres.url('rotation'));
    try {
      expect((await fetch(`${service.url}/api/users`)).status).toBe(200);
      // Rotate: the database gets a new password and the mounted secret file changes.
      await admin.connect();
      await admin.query("alter role slipway with password 'rotated-password-2'");
      await admin.end();
      writeFileSync(passwordFile, 'rotated-password-2\n');
      // Existing sessions keep working after a password change; a restart forces new connections.
      await postgres.pause();
      await postgres.start();
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
        status = (await fetch(`${service.url}/api/users`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(200);
      expect(service.output.join('\n')).not.toContain('rotated-password-2');
    } finally {
      await service.stop();
      const restore = new pg.Client(postgres.url('rotation').replace('test-password', 'rotated-password-2'));
      await restore.connect();
      await restore.query("alter role slipway with password 'test-password'");
      await restore.end();
    }
  });

  it('applies migrations once when several instances migrate at the same moment', async () => {
    const url = await postgres.createDatabase('concurrent_migrations');
    const databases = await Promise.all(
      Array.from({ length: 4 }, () => createDatabase(loadConfig({ DATABASE_URL: url }))),
    );
    try {
      const applied = await Promise.all(databases.map((d) => migrateToLatest(d)));
      expect(applied.flat()).toEqual(['0001-create-users']);
      const client = new pg.Client(url);
      await client.connect();
      const { rows } = await client.query('select name from kysely_migration');
      await client.end();
      expect(rows).toEqual([{ name: '0001-create-users' }]);
    } finally {
      await Promise.all(databases.map((d) => d.close()));
    }
  });
});
