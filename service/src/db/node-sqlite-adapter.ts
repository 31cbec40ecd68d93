import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Opens a SQLite file with Node's built-in `node:sqlite` behind Kysely's SqliteDatabase interface,
 * so the image carries no native module and needs no compiler. Kysely ships no dialect for
 * `node:sqlite` and no maintained one exists on npm; the interface Kysely expects is a few lines
 * away from `node:sqlite`'s, so the adapter is written here.
 */
export function openSqlite(path: string): SqliteDatabase & { exec(sql: string): void } {
  const database = new DatabaseSync(path);
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

function adapt(statement: StatementSync): SqliteStatement {
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
