import pg from 'pg';

/**
 * A pg client class that sends the precompiled queries as named statements: PostgreSQL parses
 * and plans each once per connection and then only binds values, where an unnamed statement is
 * parsed and planned again on every run. Kysely calls `client.query(sql, parameters)`; a SQL text
 * found in `names` goes out as `{ name, text, values }`, anything else unchanged.
 *
 * pg forgets a connection's statements with the connection, so a replaced connection (failover,
 * pg_terminate_backend) prepares them again. The precompiled queries name their columns, so a
 * migration that adds a column does not change what a prepared statement returns. (A pooler in
 * transaction mode in front of PostgreSQL would need protocol-level prepared statements, such as
 * PgBouncer's max_prepared_statements; none is used.)
 *
 * `pg.Client.prototype.query` is looked up on every call, not kept: the tracing instrumentation
 * may wrap it after this class is made.
 */
export function namedStatementClient(names: ReadonlyMap<string, string>): typeof pg.Client {
  class NamedStatementClient extends pg.Client {}
  const query = function (this: pg.Client, ...args: unknown[]) {
    const [text, values] = args;
    const name = typeof text === 'string' && Array.isArray(values) ? names.get(text) : undefined;
    const send = pg.Client.prototype.query as (this: pg.Client, ...queryArgs: unknown[]) => unknown;
    return name === undefined
      ? send.apply(this, args)
      : send.call(this, { name, text, values }, ...args.slice(2));
  };
  NamedStatementClient.prototype.query = query as typeof pg.Client.prototype.query;
  return NamedStatementClient;
}
