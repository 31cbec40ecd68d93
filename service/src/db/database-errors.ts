/**
 * Recognises database failures by what they mean for a client, across PostgreSQL (pg) and SQLite
 * (node:sqlite), so routes never depend on one driver's error shapes.
 */

/** The database cannot answer now (down, unreachable, overloaded, too slow): 503 + Retry-After. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly reason: 'unavailable' | 'timeout',
    options?: { cause?: unknown },
  ) {
    super(
      reason === 'timeout' ? 'The database did not answer in time' : 'The database is unavailable',
      options,
    );
    this.name = 'DatabaseUnavailableError';
  }
}

interface DriverError {
  code?: string;
  errcode?: number;
  message?: string;
}

// PostgreSQL SQLSTATE classes and codes that mean "try again later" rather than "your request is wrong".
const PG_UNAVAILABLE = /^(08|53|57P0)/;
const PG_TIMEOUT_CODES = new Set(['57014']); // query_canceled: statement_timeout fired
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /connection timeout/i,
];
const TIMEOUT_MESSAGES = [/timeout exceeded when trying to connect/i, /Query read timeout/i];

export function isUniqueViolation(error: unknown): boolean {
  const e = error as DriverError;
  return (
    e?.code === '23505' || // PostgreSQL unique_violation
    e?.errcode === 2067 || // node:sqlite SQLITE_CONSTRAINT_UNIQUE
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/**
 * PostgreSQL cannot store or compare a value the client sent (SQLSTATE class 22, data_exception):
 * a NUL character in text (22021), a malformed literal (22P02), a number out of range (22003).
 * SQLite stores such values, so this never fires there.
 */
export function isRejectedValue(error: unknown): boolean {
  return /^22/.test((error as DriverError)?.code ?? '');
}

/** Returns the unavailability reason, or undefined when the error is not about availability. */
export function unavailabilityReason(error: unknown): DatabaseUnavailableError['reason'] | undefined {
  if (error instanceof DatabaseUnavailableError) return error.reason;
  const e = error as DriverError;
  const message = e?.message ?? '';
  if ((e?.code && PG_TIMEOUT_CODES.has(e.code)) || TIMEOUT_MESSAGES.some((p) => p.test(message)))
    return 'timeout';
  if (e?.code && (NETWORK_CODES.has(e.code) || PG_UNAVAILABLE.test(e.code))) return 'unavailable';
  if (e?.code === 'SQLITE_BUSY' || e?.errcode === 5 || /database is locked/.test(message)) return 'timeout';
  if (UNAVAILABLE_MESSAGES.some((p) => p.test(message))) return 'unavailable';
  if (error instanceof AggregateError && error.errors.some((inner) => unavailabilityReason(inner))) {
    return 'unavailable';
  }
  return undefined;
}

/** The `reason` label of db_errors_total. `constraint`: the client's values broke a rule of the
 * database (a duplicate, a value it cannot store), answered 4xx: not a database fault. */
export function errorReason(error: unknown): 'unavailable' | 'timeout' | 'constraint' | 'other' {
  if (isUniqueViolation(error) || isRejectedValue(error)) return 'constraint';
  return unavailabilityReason(error) ?? 'other';
}
