/** The SQLite side of db/database.ts: a `node:sqlite` file behind Kysely. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '@slipway/contract';
import { Kysely, SqliteDialect } from 'kysely';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import { openSqlite } from './node-sqlite-adapter.js';
import { metricsLogger } from './query-metrics.js';
import type { DatabaseSchema } from './schema.js';

export function createSqlite(config: Config, metrics: ServiceMetrics | undefined) {
  let database: ReturnType<typeof openSqlite>;
  try {
    mkdirSync(dirname(config.SQLITE_PATH), { recursive: true });
    database = openSqlite(config.SQLITE_PATH);
  } catch (error) {
    throw new Error(
      `cannot open the SQLite database at ${config.SQLITE_PATH} (${(error as Error).message}): point SQLITE_PATH at a file in a writable folder`,
      { cause: error },
    );
  }
  // First, so that every statement after it waits for a lock instead of failing at once: switching
  // a new file to WAL takes one, and several processes may open the file at the same moment.
  database.exec(`PRAGMA busy_timeout = ${config.DB_QUERY_TIMEOUT_MS}`);
  // WAL lets readers run beside the writer. synchronous=NORMAL in WAL mode never corrupts the file;
  // a power loss (not a process crash) can lose the last commits. FULL fsyncs every commit.
  database.exec('PRAGMA journal_mode = WAL');
  database.exec(`PRAGMA synchronous = ${config.SQLITE_SYNCHRONOUS}`);
  database.exec('PRAGMA foreign_keys = ON');
  const db = new Kysely<DatabaseSchema>({
    dialect: new SqliteDialect({ database }),
    log: metricsLogger(metrics),
  });
  return { db, location: `sqlite:${config.SQLITE_PATH}`, prepared: undefined };
}
