import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Helmet's defaults (CSP, HSTS, nosniff, frame-ancestors...), relaxed only for Swagger UI's own
 * assets. helmet is used directly rather than through @fastify/helmet, which builds a new helmet
 * middleware (re-parsing the CSP directives) on every request; here it is built once.
 */
export function registerSecurityHeaders(app: FastifyInstance) {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        // Swagger UI at /docs loads its own scripts and styles from this origin and uses inline styles.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'validator.swagger.io'],
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
