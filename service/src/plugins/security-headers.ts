import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Helmet's defaults (CSP, HSTS, nosniff, frame-ancestors...), relaxed only for Swagger UI's own assets. */
export async function registerSecurityHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // Swagger UI at /docs loads its own scripts and styles from this origin and uses inline styles.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'validator.swagger.io'],
      },
    },
  });
}
