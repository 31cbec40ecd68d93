import type { Insertable, Selectable } from 'kysely';
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

/** toISOString()'s own form: SQLite hands back the text this service wrote, already in it. */
const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function iso(value: Date | string): string {
  if (value instanceof Date) return value.toISOString();
  return CANONICAL_ISO.test(value) ? value : new Date(value).toISOString();
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

/** Every column, named: a statement prepared once keeps returning what it returned (no `select *`). */
const COLUMNS = ['id', 'dni', 'name', 'created_at', 'updated_at'] as const;

/**
 * Data access for users: the one query path for SQLite and PostgreSQL. The queries of every
 * request are compiled once, here (see db/precompiled-query.ts); an update, rarer and shaped by
 * the fields it changes, is built per call.
 */
export function createUsersRepository(database: Database) {
  const { db } = database;
  const selectOne = database.precompile('select_user', (v: { id: string }) =>
    db.selectFrom('users').select(COLUMNS).where('id', '=', v.id),
  );
  const selectFirstPage = database.precompile('select_users_page', (v: { limit: number }) =>
    db.selectFrom('users').select(COLUMNS).orderBy('id').limit(v.limit),
  );
  const selectPageAfter = database.precompile(
    'select_users_page_after',
    (v: { afterId: string; limit: number }) =>
      db.selectFrom('users').select(COLUMNS).where('id', '>', v.afterId).orderBy('id').limit(v.limit),
  );
  const insertOne = database.precompile('insert_user', (v: Insertable<UsersTable>) =>
    db.insertInto('users').values({
      id: v.id,
      dni: v.dni,
      name: v.name,
      created_at: v.created_at,
      updated_at: v.updated_at,
    }),
  );
  const deleteOne = database.precompile('delete_user', (v: { id: string }) =>
    db.deleteFrom('users').where('id', '=', v.id),
  );

  return {
    async list(limit: number, afterId: string | undefined): Promise<{ users: User[]; hasMore: boolean }> {
      // One more than asked: its presence says whether there is a next page.
      const query =
        afterId === undefined
          ? selectFirstPage({ limit: limit + 1 })
          : selectPageAfter({ afterId, limit: limit + 1 });
      const { rows } = await db.executeQuery(query);
      return { users: rows.slice(0, limit).map(toUser), hasMore: rows.length > limit };
    },

    async get(id: string): Promise<User | undefined> {
      const { rows } = await db.executeQuery(selectOne({ id }));
      const row = rows[0];
      return row && toUser(row);
    },

    async create(input: { dni: string; name: string }): Promise<User> {
      const now = new Date().toISOString();
      const row = { id: uuidv7(), dni: input.dni, name: input.name, created_at: now, updated_at: now };
      await translateDuplicate(input.dni, () => db.executeQuery(insertOne(row)));
      return toUser(row);
    },

    /** Changes dni and/or name. Returns undefined when the user does not exist. */
    async update(id: string, changes: { dni?: string; name?: string }): Promise<User | undefined> {
      return translateDuplicate(changes.dni, () =>
        db.transaction().execute(async (trx) => {
          const current = await trx
            .selectFrom('users')
            .select(COLUMNS)
            .where('id', '=', id)
            .executeTakeFirst();
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
      const { numAffectedRows } = await db.executeQuery(deleteOne({ id }));
      return (numAffectedRows ?? 0n) > 0n;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
