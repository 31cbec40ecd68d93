import { type Config, PATHS } from '@slipway/contract';
import type { FastifyInstance } from 'fastify';

/**
 * The OpenAPI 3.1 document, generated from the route schemas, written for client generators:
 * shared schemas keep their `$id` as their component name, every operation has an operationId,
 * errors are application/problem+json. `redocly lint` (recommended rules) keeps it that way in
 * the tests. Probes (`tags: ['probes']`) are left out: they are for the orchestrator, not for
 * clients. Served with Swagger UI unless DOCS_ENABLED=false; with it, neither is even loaded.
 */
export async function registerApiDocs(app: FastifyInstance, config: Config, version: string) {
  if (!config.DOCS_ENABLED) return;
  // Loaded only when the docs are on (not in production): together they are a tenth of the bundle.
  const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([
    import('@fastify/swagger'),
    import('@fastify/swagger-ui'),
  ]);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Slipway users API',
        version,
        description:
          'Users CRUD with cursor pagination. Writes need `Authorization: Bearer <token>` when API tokens are configured. Errors are RFC 9457 application/problem+json.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      // Relative: the document describes whichever host serves it.
      servers: [{ url: '/', description: 'The server that serves this document.' }],
      tags: [
        { name: 'users', description: 'Create, read, change and delete users.' },
        { name: 'info', description: 'What is running: greeting, version, effective configuration.' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'One of the API tokens (API_TOKENS).' },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `schema-${i}`,
    },
    transform: ({ schema, url }) => ({
      url,
      schema: schema?.tags?.includes('probes') ? { ...schema, hide: true } : schema,
    }),
  });
  // validatorUrl null: the page makes no request to another origin.
  await app.register(swaggerUi, { routePrefix: PATHS.docs, uiConfig: { validatorUrl: null } });
  app.get(PATHS.openapi, { schema: { hide: true } }, async () => app.swagger());
}
