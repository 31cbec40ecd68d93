import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

// Only ids that are safe to log and echo: no spaces, quotes or control characters.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Honours an incoming X-Request-Id (from a load balancer or client) when it is well-formed. */
export function requestId(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
}
