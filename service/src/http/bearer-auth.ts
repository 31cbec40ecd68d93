import { createHash, timingSafeEqual } from 'node:crypto';
import { SERVICE_NAME } from '@slipway/contract';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { ProblemError } from './problem-types.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
}

/**
 * An onRequest hook (before the body is even read) that requires `Authorization: Bearer <token>` with one of `tokens`. Tokens are
 * compared as SHA-256 digests with timingSafeEqual, and every configured token is checked, so the
 * time taken says nothing about how close a guess was. With no tokens configured, writes are open.
 */
export function requireBearerToken(tokens: readonly string[]): onRequestAsyncHookHandler {
  const digests = tokens.map(digest);
  return async (request) => {
    if (digests.length === 0) return;
    const token = bearerToken(request);
    if (token === undefined) {
      throw new ProblemError(
        'unauthorized',
        'This operation needs the header Authorization: Bearer <token> with an API token.',
        { 'www-authenticate': `Bearer realm="${SERVICE_NAME}"` },
      );
    }
    const given = digest(token);
    let allowed = false;
    for (const candidate of digests) allowed = timingSafeEqual(candidate, given) || allowed;
    if (!allowed) {
      throw new ProblemError('forbidden', 'The bearer token is not one of the configured API tokens.', {
        'www-authenticate': `Bearer realm="${SERVICE_NAME}", error="invalid_token"`,
      });
    }
  };
}
