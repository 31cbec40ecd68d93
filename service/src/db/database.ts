import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '@slipway/contract';
import { type Compilable, Kysely, type LogEvent, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { SecretSource } from '../config/secret-source.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import { errorReason } from './database-errors.js';
import { openSqlite } from './node-sqlite-adapter.js';
import { namedStatementClient } from './pg-named-statements.js';
import { type PrecompiledQuery, precompile } from './precompiled-query.js';
import type { DatabaseSchema } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DatabaseSchema>;
  dialect: Dialect;
  /** Where the data lives, without credentials (for logs and /readyz). */
  location: string;
  /**
   * A query of the hot path, built and compiled once (see precompiled-query.ts); run it with
   * `db.executeQuery(query(values))`. On PostgreSQL each connection also prepares it once, as the
   * named statement `name` (which tracing shows as the query's span name).
   */
  precompile<Values extends Record<string, unknown>, Row>(
    name: string,
    build: (values: Values) => Compilable<Row>,
  ): PrecompiledQuery<Values, Row>;
  /** Resolves when the database answers `select 1` within the query timeout. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connection settings from DATABASE_URL, given to pg field by field: with a connection string,
 * pg would let the URL's (possibly empty) password override the password function below.
 */
function postgresTarget(config: Config) {
  const url = new URL(config.DATABASE_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
  };
}

function postgresSsl(config: Config): pg.PoolConfig['ssl'] {
  switch (config.DATABASE_SSL) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-full':
      return { rejectUnauthorized: true, ca: readFileSync(config.DATABASE_CA_FILE, 'utf8') };
  }
}

function queryOperation(event: LogEvent): string {
  const kind = event.query.query.kind;
  const match = /^(Select|Insert|Update|Delete)QueryNode$/.exec(kind);
  return match ? match[1]!.toLowerCase() : 'other';
}

function metricsLogger(metrics: ServiceMetrics | undefined) {
  if (metrics === undefined) return undefined;
  return (event: LogEvent) => {
    const operation = queryOperation(event);
    const outcome = event.level === 'error' ? 'error' : 'success';
    metrics.dbDuration.observe({ operation, outcome }, event.queryDurationMillis / 1000);
    if (event.level === 'error') metrics.dbErrors.inc({ operation, reason: errorReason(event.error) });
  };
}

function createPostgres(
  config: Config,
  metrics: ServiceMetrics | undefined,
  onPoolError: (e: Error) => void,
  readSecret: SecretSource,
) {
  const prepared = new Map<string, string>();
  const pool = new pg.Pool({
    Client: namedStatementClient(prepared),
    ...postgresTarget(config),
    // Asked for every new connection: DB_PASSWORD (re-read from DB_PASSWORD_FILE, so a rotated
    // password works without a restart), else the password inside DATABASE_URL.
    password: async () =>
      readSecret('DB_PASSWORD') || decodeURIComponent(new URL(config.DATABASE_URL).password),
    ssl: postgresSsl(config),
    max: config.DB_POOL_MAX,
    connectionTimeoutMillis: config.DB_CONNECT_TIMEOUT_MS,
    // Client-side bound (covers a server that stops answering) and server-side bound (frees the
    // server from abandoned work).
    query_timeout: config.DB_QUERY_TIMEOUT_MS,
    statement_timeout: config.DB_QUERY_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: config.OTEL_SERVICE_NAME,
  });
  // A connection can end at any moment: a failover, a minor-version upgrade, a fast shutdown or
  // pg_terminate_backend sends FATAL 57P01 and closes the socket, and pg reports that as an 'error'
  // event on the client. pg-pool listens only while a client is idle in the pool; a checked-out one
  // (inside a request, or between the statements of a transaction) without a listener of its own
  // would end the process. So every client gets one as it connects. Nothing else is left to do
  // there: the running query rejects (the request answers 503), and the pool discards the broken
  // client when it is released.
  pool.on('connect', (client) => client.on('error', onPoolError));
  // pg-pool re-emits an idle client's error on the pool; the client's own listener reported it.
  pool.on('error', () => {});
  metrics?.observePool(() => ({
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
    max: config.DB_POOL_MAX,
  }));
  const url = new URL(config.DATABASE_URL);
  // Kysely only reports failed queries; a failure to get a connection at all (database down,
  // pool exhausted) is counted here.
  const countedPool = {
    connect: async () => {
      try {
        return await pool.connect();
      } catch (error) {
        metrics?.dbErrors.inc({ operation: 'connect', reason: errorReason(error) });
        throw error;
      }
    },
    end: () => pool.end(),
  };
  const db = new Kysely<DatabaseSchema>({
    dialect: new PostgresDialect({ pool: countedPool }),
    log: metricsLogger(metrics),
  });
  return { db, location: `postgres://${url.host}${url.pathname}`, prepared };
}

function createSqlite(config: Config, metrics: ServiceMetrics | undefined) {
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

export function createDatabase(
  config: Config,
  options: { metrics?: ServiceMetrics; onPoolError?: (error: Error) => void; readSecret?: SecretSource } = {},
): Database {
  const dialect: Dialect = config.DATABASE_URL === '' ? 'sqlite' : 'postgres';
  const { db, location, prepared } =
    dialect === 'postgres'
      ? createPostgres(
          config,
          options.metrics,
          options.onPoolError ?? (() => {}),
          options.readSecret ?? ((name) => String(config[name])),
        )
      : createSqlite(config, options.metrics);
  return {
    db,
    dialect,
    location,
    precompile(name, build) {
      const query = precompile(build);
      // The SQL of every run is the same: on PostgreSQL it becomes a named statement (see
      // pg-named-statements.ts). SQLite's adapter already keeps every statement prepared.
      if (prepared !== undefined) {
        const taken = [...prepared].find(([text, named]) => named === name && text !== query.sql);
        if (taken !== undefined) throw new Error(`two different queries are both named "${name}"`);
        prepared.set(query.sql, name);
      }
      return query;
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}
