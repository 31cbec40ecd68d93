import type { Config } from '@slipway/contract';
import { type Compilable, type Kysely, sql } from 'kysely';
import type { SecretSource } from '../config/secret-source.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import { type PrecompiledQuery, precompile } from './precompiled-query.js';
import type { DatabaseSchema } from './schema.js';
import { createSqlite } from './sqlite-connection.js';

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

/** SQLite, or PostgreSQL when DATABASE_URL is set (its driver is loaded only then). */
export async function createDatabase(
  config: Config,
  options: { metrics?: ServiceMetrics; onPoolError?: (error: Error) => void; readSecret?: SecretSource } = {},
): Promise<Database> {
  const dialect: Dialect = config.DATABASE_URL === '' ? 'sqlite' : 'postgres';
  const { db, location, prepared } =
    dialect === 'postgres'
      ? (await import('./postgres-connection.js')).createPostgres(
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
