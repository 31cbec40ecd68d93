import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { type Config, PATHS } from '@slipway/contract';
import type { FastifyInstance } from 'fastify';

/** Generates the OpenAPI 3 document from the route schemas; serves it and Swagger UI unless DOCS_ENABLED=false. */
export async function registerApiDocs(app: FastifyInstance, config: Config, version: string) {
  if (!config.DOCS_ENABLED) return;
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Slipway users API',
        version,
        description:
          'Users CRUD with cursor pagination. Writes need `Authorization: Bearer <token>` when API tokens are configured. Errors are RFC 9457 application/problem+json.',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      },
    },
  });
  // validatorUrl null: the page makes no request to another origin.
  await app.register(swaggerUi, { routePrefix: PATHS.docs, uiConfig: { validatorUrl: null } });
  app.get(PATHS.openapi, { schema: { hide: true } }, async () => app.swagger());
}
