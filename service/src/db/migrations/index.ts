import type { Migration } from 'kysely';
import * as createUsers from './0001-create-users.js';

/**
 * Every migration, in order. Listed statically (not read from a folder) so the compiled image and
 * tsx resolve the same set. Names are permanent: never rename or edit an applied migration.
 */
export function migrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
  return {
    '0001-create-users': { up: (db) => createUsers.up(db, dialect), down: createUsers.down },
  };
}
