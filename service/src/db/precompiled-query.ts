import type { Compilable, CompiledQuery } from 'kysely';

/** Where a value goes: Kysely passes any value it does not know as a query parameter, this one too. */
class Placeholder {
  constructor(readonly name: string) {}
}

/** Gives the compiled query of one run: the shape's SQL with this run's values. */
export type PrecompiledQuery<Values, Row> = ((values: Values) => CompiledQuery<Row>) & {
  /** The SQL every run sends. */
  readonly sql: string;
};

/**
 * A query shape built and compiled once, at start; each run only puts its values in.
 *
 * Kysely otherwise builds an operation tree, freezes it and compiles it to SQL on every call,
 * which for a lookup by id costs more CPU than SQLite's own work. The compiled query still runs
 * through Kysely (`db.executeQuery`): the same connections, transactions, error handling and query
 * log, so the database metrics see it as any other query. Kysely has no placeholder of its own
 * (its `sql.raw` parameters are positional and untyped), hence these few lines.
 *
 * `build` receives a stand-in for its values: wherever it uses `values.x`, the run's `x` goes. Every
 * parameter of the query must come from a value (a constant would be compiled in as a parameter
 * and silently pinned: it is refused at start instead). Each run shares the shape's query id,
 * which only plugins use to keep state per query; this database has none.
 */
export function precompile<Values extends Record<string, unknown>, Row>(
  build: (values: Values) => Compilable<Row>,
): PrecompiledQuery<Values, Row> {
  const standIn = new Proxy({} as Values, {
    get: (_target, name) => (typeof name === 'string' ? new Placeholder(name) : undefined),
  });
  const { query, queryId, sql, parameters } = build(standIn).compile();
  const names = parameters.map((parameter, index) => {
    if (!(parameter instanceof Placeholder)) {
      throw new Error(`precompiled query "${sql}": parameter ${index + 1} is not one of the query's values`);
    }
    return parameter.name as keyof Values;
  });
  const run = (values: Values): CompiledQuery<Row> => ({
    query,
    queryId,
    sql,
    parameters: names.map((name) => values[name]),
  });
  return Object.assign(run, { sql });
}
