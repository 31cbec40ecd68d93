/**
 * The PostgreSQL side of db/database.ts: a pg pool behind Kysely. Loaded only when DATABASE_URL
 * is set, so a service on SQLite never loads pg (nor Node's TLS, which pg needs).
 */
import { readFileSync } from 'node:fs';
import type { Config } from '@slipway/contract';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { SecretSource } from '../config/secret-source.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import { errorReason } from './database-errors.js';
import { namedStatementClient } from './pg-named-statements.js';
import { metricsLogger } from './query-metrics.js';
import type { DatabaseSchema } from './schema.js';

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

export function createPostgres(
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
