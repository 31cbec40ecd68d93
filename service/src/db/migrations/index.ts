import type { Migration } from 'kysely';
import * as createUsers from './0001-create-users.js';

/**
 * Every migration, in order. Listed statically (not read from a folder) so the compiled image and
 * tsx resolve the same set. Names are permanent: never rename or edit an applied migration. A
 * migration that differs between SQLite and PostgreSQL asks Kysely which adapter it runs on.
 */
export const migrations: Record<string, Migration> = {
  '0001-create-users': createUsers,
};
