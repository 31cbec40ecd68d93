import { type Static, Type } from 'typebox';

/**
 * DNI alphabet: ASCII letters, digits and hyphens, 1–13 characters (covers national identity
 * numbers such as 12345678Z, X1234567L or 123-45-6789). Letters are stored upper-case, so
 * `12345678z` and `12345678Z` are the same DNI.
 */
export const DNI_PATTERN = '^[0-9A-Za-z-]{1,13}$';
export const NAME_MAX_LENGTH = 100;

const dni = Type.String({
  pattern: DNI_PATTERN,
  minLength: 1,
  maxLength: 13,
  description:
    'National identity document number: 1–13 ASCII letters, digits or hyphens; unique, case-insensitive.',
  examples: ['12345678Z'],
});
// The schema bounds the raw string; the 1–100 rule applies after trimming (see normaliseName).
const name = Type.String({
  minLength: 1,
  maxLength: 1000,
  description: `Display name: 1–${NAME_MAX_LENGTH} characters after surrounding whitespace is trimmed; no control characters.`,
  examples: ['Ada Lovelace'],
});

export const User = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Server-assigned identifier (UUIDv7, time-ordered).' }),
    dni: Type.String({ description: 'Upper-cased DNI.' }),
    name: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time', description: 'Moves forward on every change.' }),
  },
  { $id: 'User', additionalProperties: false },
);
export type User = Static<typeof User>;

export const CreateUserBody = Type.Object({ dni, name }, { additionalProperties: false });
export const ReplaceUserBody = CreateUserBody;
export const PatchUserBody = Type.Object(
  { dni: Type.Optional(dni), name: Type.Optional(name) },
  { additionalProperties: false, minProperties: 1 },
);
export type CreateUserBody = Static<typeof CreateUserBody>;
export type PatchUserBody = Static<typeof PatchUserBody>;

export const UserIdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64, description: 'The user id.' }) },
  { additionalProperties: false },
);

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const ListUsersQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
    cursor: Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor from the previous page.' })),
  },
  { additionalProperties: false },
);

export const UserPage = Type.Object(
  {
    items: Type.Array(User),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` to get the next page; null on the last page.',
    }),
  },
  { additionalProperties: false },
);
