import type { Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/database-errors.js';
import type { UsersTable } from '../db/schema.js';
import { ProblemError } from '../http/problem-types.js';
import type { User } from './user-schemas.js';

export class DuplicateDniError extends ProblemError {
  constructor(readonly dni: string) {
    super('duplicate-dni', `a user with dni ${dni} already exists; choose another dni or update that user.`);
    this.name = 'DuplicateDniError';
  }
}

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    dni: row.dni,
    name: row.name,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** updatedAt never goes backwards or stands still, even for two changes within one millisecond. */
function nextUpdatedAt(previous: Date | string, now = new Date()): string {
  const floor = new Date(previous).getTime() + 1;
  return new Date(Math.max(now.getTime(), floor)).toISOString();
}

async function translateDuplicate<T>(dni: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (dni !== undefined && isUniqueViolation(error)) throw new DuplicateDniError(dni);
    throw error;
  }
}

/** Data access for users: the one query path for SQLite and PostgreSQL. */
export function createUsersRepository({ db }: Database) {
  return {
    async list(limit: number, afterId: string | undefined): Promise<{ users: User[]; hasMore: boolean }> {
      let query = db
        .selectFrom('users')
        .selectAll()
        .orderBy('id')
        .limit(limit + 1);
      if (afterId !== undefined) query = query.where('id', '>', afterId);
      const rows = await query.execute();
      return { users: rows.slice(0, limit).map(toUser), hasMore: rows.length > limit };
    },

    async get(id: string): Promise<User | undefined> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },

    async create(input: { dni: string; name: string }): Promise<User> {
      const now = new Date().toISOString();
      const row = { id: uuidv7(), dni: input.dni, name: input.name, created_at: now, updated_at: now };
      await translateDuplicate(input.dni, () => db.insertInto('users').values(row).execute());
      return toUser(row);
    },

    /** Changes dni and/or name. Returns undefined when the user does not exist. */
    async update(id: string, changes: { dni?: string; name?: string }): Promise<User | undefined> {
      return translateDuplicate(changes.dni, () =>
        db.transaction().execute(async (trx) => {
          const current = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
          if (current === undefined) return undefined;
          const updatedAt = nextUpdatedAt(current.updated_at);
          await trx
            .updateTable('users')
            .set({ ...changes, updated_at: updatedAt })
            .where('id', '=', id)
            .execute();
          return toUser({ ...current, ...changes, updated_at: updatedAt });
        }),
      );
    },

    /** Returns false when the user does not exist. */
    async delete(id: string): Promise<boolean> {
      const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
