import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PostgresServer, startPostgres } from '@slipway/testing';
import pg from 'pg';
import { pinProcess } from '../host/cpu-pinning.js';

const DATABASE = 'campaign';

/** The real PostgreSQL of the campaign, with the faults a managed database can have. */
export interface CampaignDatabase {
  port: number;
  /** URL of the campaign database, straight to the server (the service goes through the proxy). */
  url: string;
  /** PostgreSQL's fast shutdown (SIGINT): every session gets FATAL 57P01, nothing new is accepted. */
  fastShutdown(): Promise<void>;
  restart(): Promise<void>;
  /** `pg_terminate_backend` of every session of the campaign database: a failover, seen from a client. */
  terminateSessions(): Promise<number>;
  /** Runs a query as the administrator (a fresh connection, so it works after any fault). */
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  /** Moves the server's processes onto `cpus`. */
  pin(cpus: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startCampaignDatabase(): Promise<CampaignDatabase> {
  const server: PostgresServer = await startPostgres();
  const url = await server.createDatabase(DATABASE);
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    port: server.port,
    url,
    fastShutdown: () => server.pause(),
    restart: () => server.start(),
    async terminateSessions() {
      const rows = await query<{ pid: number }>(
        `select pg_terminate_backend(pid), pid from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid()`,
        [DATABASE],
      );
      return rows.length;
    },
    query,
    async pin(cpus) {
      // The postmaster's children inherit its CPUs; those already running are moved one by one.
      const [{ data_directory: dataDirectory } = { data_directory: '' }] = await query<{
        data_directory: string;
      }>('show data_directory');
      const postmaster = Number(readFileSync(join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
      pinProcess(postmaster, cpus);
      const children = await query<{ pid: number }>('select pid from pg_stat_activity');
      for (const { pid } of children) pinProcess(pid, cpus);
    },
    stop: () => server.stop(),
  };
}
