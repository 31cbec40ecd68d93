/**
 * The settings of a peer server, given as one JSON argument by the benchmark (targets/peers.ts):
 * the peers take no environment variables, so they share no names with the service's settings.
 */
export interface ServerArguments {
  port: number;
  /** The SQLite file (SQLite peer). */
  sqlitePath?: string;
  /** A postgres:// URL (PostgreSQL peer). */
  databaseUrl?: string;
  /** PostgreSQL pool size (PostgreSQL peer). */
  poolMax?: number;
}

export function serverArguments(): ServerArguments {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error('expected one JSON argument, e.g. {"port":8080}');
  return JSON.parse(raw) as ServerArguments;
}
