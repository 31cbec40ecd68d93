import { type Config, hstsHeaderValue, PATHS } from '@slipway/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The response headers the OWASP REST Security Cheat Sheet recommends for an API: JSON is never
 * sniffed as something else, never cached, never framed, and a response opened in a browser may
 * load nothing. Helmet's set is made for HTML pages (and its `upgrade-insecure-requests` turned
 * Swagger UI into a blank page over plain HTTP); it is not used.
 */
export const API_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
} as const;

/**
 * Swagger UI at /docs loads its scripts and styles from this origin, over whatever scheme the page
 * came over (no upgrade to https), styles elements inline, and calls the API from the page.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

const DOCS_HEADERS = {
  'content-security-policy': DOCS_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
} as const;

/** `/docs`, `/docs/…` and either with a query string: the Swagger UI pages and their files. */
function isDocsUrl(url: string): boolean {
  if (!url.startsWith(PATHS.docs)) return false;
  const next = url[PATHS.docs.length];
  return next === undefined || next === '/' || next === '?';
}

/**
 * Sets the response headers of a request: the API set, or the Swagger UI set under /docs; HSTS
 * only when configured (a browser must hear it over HTTPS, where TLS terminates). Both sets are
 * fixed at start, so a request costs one prefix check and the header writes.
 */
export function securityHeaders(config: Config): (request: FastifyRequest, reply: FastifyReply) => void {
  const hsts =
    config.HSTS_MAX_AGE_SECONDS > 0
      ? { 'strict-transport-security': hstsHeaderValue(config.HSTS_MAX_AGE_SECONDS) }
      : {};
  const api = Object.entries({ ...API_HEADERS, ...hsts });
  const docs = Object.entries({ ...DOCS_HEADERS, ...hsts });
  return (request, reply) => {
    for (const [name, value] of isDocsUrl(request.url) ? docs : api) reply.header(name, value);
  };
}
