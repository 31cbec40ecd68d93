import { type Static, Type } from 'typebox';

/**
 * The catalogue of problem types (RFC 9457). The `type` URIs are stable identifiers clients may
 * switch on; docs/api.md describes each one.
 */
export const PROBLEMS = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'invalid-url': { status: 400, title: 'The request URL is not valid' },
  'malformed-request': { status: 400, title: 'The request is not valid HTTP' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'invalid-cursor': { status: 400, title: 'The pagination cursor is not valid' },
  unauthorized: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'The token is not allowed to do this' },
  'not-found': { status: 404, title: 'The resource does not exist' },
  'route-not-found': { status: 404, title: 'No such route' },
  'request-timeout': { status: 408, title: 'The request took too long to arrive' },
  'duplicate-dni': { status: 409, title: 'A user with this DNI already exists' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'uri-too-long': { status: 414, title: 'A part of the request URL is too long' },
  'unsupported-media-type': { status: 415, title: 'The request body must be application/json' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'headers-too-large': { status: 431, title: 'The request headers are too large' },
  'internal-error': { status: 500, title: 'Internal error' },
  'fault-injected': { status: 500, title: 'Injected fault' },
  'database-unavailable': { status: 503, title: 'The database is unavailable' },
  overloaded: { status: 503, title: 'The service is overloaded' },
  'bad-request': { status: 400, title: 'The request cannot be processed' },
} as const;

export type ProblemSlug = keyof typeof PROBLEMS;

export const PROBLEM_TYPE_PREFIX = 'urn:slipway:problem:';

export function problemTypeUri(slug: ProblemSlug): string {
  return `${PROBLEM_TYPE_PREFIX}${slug}`;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const Problem = Type.Object(
  {
    type: Type.String({ description: `Stable problem identifier, ${PROBLEM_TYPE_PREFIX}<name>.` }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'What was wrong and what to do about it.' }),
    instance: Type.String({ description: 'The request path.' }),
    requestId: Type.String({ description: 'Quote it when reporting a problem; it is in the logs too.' }),
    errors: Type.Optional(
      Type.Array(
        Type.Object({ field: Type.String(), message: Type.String() }, { additionalProperties: false }),
        { description: 'Each invalid field, for validation problems.' },
      ),
    ),
  },
  { $id: 'Problem', additionalProperties: false },
);
export type Problem = Static<typeof Problem>;

/** An error that maps to one problem type; thrown by handlers and plugins. */
export class ProblemError extends Error {
  constructor(
    readonly slug: ProblemSlug,
    detail: string,
    readonly headers: Record<string, string> = {},
    readonly errors?: { field: string; message: string }[],
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}
