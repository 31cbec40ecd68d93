import { Migrator } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

function migratorFor(database: Database): Migrator {
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
  });
}

/**
 * Applies pending migrations. On PostgreSQL, Kysely holds an advisory lock for the duration, so
 * several instances (or the migration Job and a pod) starting at once apply each migration once.
 * Returns the names applied by this call.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const { error, results } = await migratorFor(database).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations that are not applied yet. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const all = await migratorFor(database).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
