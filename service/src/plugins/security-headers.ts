import { type Config, hstsHeaderValue, PATHS } from '@slipway/contract';
import type { FastifyInstance } from 'fastify';

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

/** HSTS only when configured: a browser must hear it over HTTPS, where TLS terminates. */
export function registerSecurityHeaders(app: FastifyInstance, config: Config) {
  const hsts = config.HSTS_MAX_AGE_SECONDS > 0 ? hstsHeaderValue(config.HSTS_MAX_AGE_SECONDS) : undefined;
  const docsPrefix = `${PATHS.docs}/`;
  app.addHook('onRequest', (request, reply, done) => {
    const path = request.url.split('?', 1)[0] ?? request.url;
    if (path === PATHS.docs || path.startsWith(docsPrefix)) {
      reply.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('x-frame-options', 'DENY');
    } else {
      reply.headers(API_HEADERS);
    }
    if (hsts !== undefined) reply.header('strict-transport-security', hsts);
    done();
  });
}
