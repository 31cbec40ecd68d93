/**
 * Bare Fastify 5 + node:sqlite, configured as the service configures SQLite (WAL,
 * synchronous=NORMAL), on the same table. Argument: {"port": n, "sqlitePath": "..."}.
 */
import { DatabaseSync } from 'node:sqlite';
import { bareUsersApp, type UserRow } from './bare-users-app.js';
import { serverArguments } from './server-arguments.js';

const { port, sqlitePath } = serverArguments();
if (sqlitePath === undefined) throw new Error('sqlitePath is required');
const db = new DatabaseSync(sqlitePath);
db.exec('PRAGMA journal_mode = WAL');
db.exec('PRAGMA synchronous = NORMAL');
// The table of the service's first migration.
db.exec(`create table if not exists users (
  id text primary key, dni text not null unique, name text not null,
  created_at text not null, updated_at text not null)`);
const select = db.prepare('select id, dni, name, created_at, updated_at from users where id = ?');
const insert = db.prepare('insert into users (id, dni, name, created_at, updated_at) values (?, ?, ?, ?, ?)');

const app = bareUsersApp({
  get(id) {
    const row = select.get(id) as Record<string, string> | undefined;
    return (
      row && {
        id: row.id!,
        dni: row.dni!,
        name: row.name!,
        createdAt: row.created_at!,
        updatedAt: row.updated_at!,
      }
    );
  },
  insert(user: UserRow) {
    insert.run(user.id, user.dni, user.name, user.createdAt, user.updatedAt);
  },
});
await app.listen({ host: '127.0.0.1', port });
