import { createRequire } from 'node:module';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Opens a SQLite file with the best driver this Node.js has, behind Kysely's SqliteDatabase
 * interface:
 * - Node ≥ 22.13 (and Node 24, which the image ships): the built-in `node:sqlite`, so the image
 *   carries no native module and needs no compiler. Kysely has no dialect for it, and the shape is
 *   a few lines from the better-sqlite3 one Kysely expects, so the adapter is written here.
 * - Node 20 (development machines): `better-sqlite3`, an optional dependency.
 */
export function openSqlite(path: string): SqliteDatabase & { exec(sql: string): void } {
  const require = createRequire(import.meta.url);
  let nodeSqlite: typeof import('node:sqlite') | undefined;
  try {
    nodeSqlite = require('node:sqlite') as typeof import('node:sqlite');
  } catch {
    nodeSqlite = undefined;
  }
  if (nodeSqlite === undefined) {
    const BetterSqlite3 = require('better-sqlite3') as typeof import('better-sqlite3');
    const database = new BetterSqlite3(path);
    const statements = new Map<string, SqliteStatement>();
    return {
      exec: (sql) => database.exec(sql),
      close: () => database.close(),
      prepare: (sql) => cached(statements, sql, () => database.prepare(sql)),
    };
  }
  const database = new nodeSqlite.DatabaseSync(path);
  const statements = new Map<string, SqliteStatement>();
  return {
    exec: (sql) => database.exec(sql),
    close: () => database.close(),
    prepare: (sql) => cached(statements, sql, () => adapt(database.prepare(sql))),
  };
}

/**
 * Kysely prepares every query it runs; the SQL of this service's queries is a small fixed set, so
 * each is prepared once and reused (SQLite re-binds parameters on every run).
 */
function cached(statements: Map<string, SqliteStatement>, sql: string, prepare: () => SqliteStatement) {
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = prepare();
    if (statements.size < MAX_CACHED_STATEMENTS) statements.set(sql, statement);
  }
  return statement;
}

const MAX_CACHED_STATEMENTS = 100;

function adapt(statement: import('node:sqlite').StatementSync): SqliteStatement {
  type Bindings = globalThis.Parameters<typeof statement.all>;
  return {
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...(parameters as Bindings)),
    run: (parameters) => {
      const { changes, lastInsertRowid } = statement.run(...(parameters as Bindings));
      return { changes, lastInsertRowid };
    },
    iterate: (parameters) => statement.iterate(...(parameters as Bindings)),
  };
}
