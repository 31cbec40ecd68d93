/**
 * Bare Fastify 5 + pg against the same PostgreSQL server as the service, with the service's pool
 * size and the same table; named queries, so PostgreSQL prepares each once per connection.
 * Argument: {"port": n, "databaseUrl": "postgres://...", "poolMax": n}.
 */
import pg from 'pg';
import { bareUsersApp } from './bare-users-app.js';
import { serverArguments } from './server-arguments.js';

const { port, databaseUrl, poolMax } = serverArguments();
if (databaseUrl === undefined || poolMax === undefined)
  throw new Error('databaseUrl and poolMax are required');
const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });
// The table of the service's first migration.
await pool.query(`create table if not exists users (
  id text primary key, dni text not null unique, name text not null,
  created_at timestamptz not null, updated_at timestamptz not null)`);

interface Row {
  id: string;
  dni: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}

const app = bareUsersApp({
  async get(id) {
    const { rows } = await pool.query<Row>({
      name: 'get-user',
      text: 'select id, dni, name, created_at, updated_at from users where id = $1',
      values: [id],
    });
    const row = rows[0];
    return (
      row && {
        id: row.id,
        dni: row.dni,
        name: row.name,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
      }
    );
  },
  async insert(user) {
    await pool.query({
      name: 'insert-user',
      text: 'insert into users (id, dni, name, created_at, updated_at) values ($1, $2, $3, $4, $5)',
      values: [user.id, user.dni, user.name, user.createdAt, user.updatedAt],
    });
  },
});
await app.listen({ host: '127.0.0.1', port });
