import { type PostgresServer, startPostgres } from '@slipway/testing';
import { childProcessWithArgument, pinProcessTree } from '../machine/cpu-pinning.js';

/**
 * The throwaway PostgreSQL of @slipway/testing, moved with the backends it will fork onto the
 * server CPU: the database is part of the server side, and must not take the load generator's CPU.
 */
export interface PinnedPostgres extends PostgresServer {
  /** The postmaster: its process tree is all of PostgreSQL (the CPU time of a row is read from it). */
  pid: number;
}

export async function startPinnedPostgres(cpu: number): Promise<PinnedPostgres> {
  const postgres = await startPostgres();
  const postmaster = childProcessWithArgument('postgres', String(postgres.port));
  if (postmaster === undefined) {
    await postgres.stop();
    throw new Error(
      `cannot find the PostgreSQL server process on port ${postgres.port} to pin it to CPU ${cpu}`,
    );
  }
  pinProcessTree(postmaster, cpu);
  return Object.assign(postgres, { pid: postmaster });
}
