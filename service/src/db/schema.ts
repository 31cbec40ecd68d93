import type { ColumnType } from 'kysely';

/** Timestamps are timestamptz on PostgreSQL (read back as Date) and ISO 8601 text on SQLite. */
type Timestamp = ColumnType<Date | string, string, string>;

export interface UsersTable {
  id: string;
  dni: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DatabaseSchema {
  users: UsersTable;
}
