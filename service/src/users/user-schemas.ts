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
// Surrounding whitespace is trimmed after validation, and the trimmed name must still hold a
// character (see normaliseName).
const name = Type.String({
  minLength: 1,
  maxLength: NAME_MAX_LENGTH,
  description: `Display name: 1–${NAME_MAX_LENGTH} characters, surrounding whitespace trimmed; no control characters.`,
  examples: ['Ada Lovelace'],
});

export const User = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Server-assigned identifier (UUIDv7, time-ordered).' }),
    dni: Type.String({ description: 'Upper-cased DNI.' }),
    name: Type.String({ description: 'Display name, trimmed.' }),
    createdAt: Type.String({ format: 'date-time', description: 'When the user was created.' }),
    updatedAt: Type.String({ format: 'date-time', description: 'Moves forward on every change.' }),
  },
  { $id: 'User', additionalProperties: false, description: 'A user.' },
);
export type User = Static<typeof User>;

/** The body of a create (POST) and of a replace (PUT): both fields. */
export const UserInput = Type.Object(
  { dni, name },
  { $id: 'UserInput', additionalProperties: false, description: 'A user’s dni and name.' },
);
/** The body of a change (PATCH): one field or both. */
export const UserPatch = Type.Object(
  { dni: Type.Optional(dni), name: Type.Optional(name) },
  {
    $id: 'UserPatch',
    additionalProperties: false,
    minProperties: 1,
    description: 'The fields to change: dni, name or both.',
  },
);

export const UserIdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64, description: 'The user id.' }) },
  { additionalProperties: false },
);

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const ListUsersQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_PAGE_SIZE,
        default: DEFAULT_PAGE_SIZE,
        description: `Users per page, 1–${MAX_PAGE_SIZE}.`,
      }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor from the previous page.' })),
  },
  { additionalProperties: false },
);

export const UserPage = Type.Object(
  {
    items: Type.Array(Type.Ref('User'), { description: 'The users of this page, oldest first.' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` to get the next page; null on the last page.',
    }),
  },
  { $id: 'UserPage', additionalProperties: false, description: 'One page of users.' },
);

/** The users feature's shared schemas, added to the app so routes and the OpenAPI document name them. */
export const USER_SCHEMAS = [User, UserInput, UserPatch, UserPage];
