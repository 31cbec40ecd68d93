import type { Config } from '@slipway/contract';
import type { FastifyServerOptions } from 'fastify';

/**
 * Where a secret can sit in a log line, by structure: the request headers that carry credentials
 * (in case a request object is ever logged) and the response's cookies. Values are replaced by
 * `[redacted]` at these paths only, so every other key and value stays intact.
 *
 * Configuration values are never logged, and the request log line carries the path without its
 * query string, so there is nothing else to mask. Masking by value (search and replace of each
 * secret over every line) was tried and dropped: a short or common secret such as `t` or
 * `postgres` corrupts every line and gives the secret away.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

export function loggerOptions(
  config: Config,
  mixin: () => Record<string, unknown>,
  stream: NodeJS.WritableStream | undefined,
): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    mixin,
    ...(stream && { stream }),
  };
}
