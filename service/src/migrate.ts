/**
 * Applies pending database migrations and exits: the command the Kubernetes migration Job runs
 * (`node dist/migrate.js`). Safe to run beside starting pods: PostgreSQL migrations hold a lock.
 */

import { EXIT_CODE_CONFIG_ERROR } from '@slipway/contract';
import pino from 'pino';
import { ConfigError, loadConfig, secretSource } from './config/index.js';
import { createDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import { logDestination } from './logging/log-destination.js';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_CODE_CONFIG_ERROR);
  }
  const log = pino({ level: config.LOG_LEVEL }, await logDestination());
  const database = await createDatabase(config, { readSecret: secretSource(config) });
  try {
    const applied = await migrateToLatest(database);
    log.info(
      { applied, database: database.location },
      applied.length ? 'migrations applied' : 'nothing to migrate',
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${(error as Error).message}\n`);
  process.exit(1);
});
