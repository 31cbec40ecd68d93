import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '@slipway/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from './db/database.js';
import { unavailabilityReason } from './db/database-errors.js';
import { migrateToLatest, pendingMigrations } from './db/migrator.js';

const RETRY_MS = 2000;

/**
 * Gets the schema ready before the service reports ready: applies migrations
 * (MIGRATE_ON_START=true) or waits until the migration Job has applied them. While the database is
 * unreachable it retries, so /healthz keeps serving and the process recovers by itself; any other
 * failure (a broken migration, an unwritable SQLite path) is thrown.
 */
export async function prepareSchema(
  config: Config,
  database: Database,
  log: FastifyBaseLogger,
): Promise<void> {
  for (;;) {
    try {
      if (config.MIGRATE_ON_START) {
        const applied = await migrateToLatest(database);
        log.info({ applied, database: database.location }, 'database schema is up to date');
        return;
      }
      const pending = await pendingMigrations(database);
      if (pending.length === 0) {
        log.info(
          { database: database.location },
          'database schema is up to date (applied by the migration job)',
        );
        return;
      }
      log.warn({ pending }, 'waiting for the migration job to apply pending migrations');
    } catch (error) {
      if (!unavailabilityReason(error)) throw error;
      log.warn({ err: { message: (error as Error).message } }, 'database unavailable at start: retrying');
    }
    await sleep(RETRY_MS);
  }
}
