import { type Config, PATHS } from '@slipway/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { redactConfig } from '../config/index.js';
import { problemResponse } from '../http/schema-refs.js';
import type { BuildInfo } from '../runtime/build-info.js';

const info = {
  tags: ['info'],
  security: [] as { [name: string]: string[] }[],
};
const rateLimited = {
  429: problemResponse('Too many requests from this client: retry after the RateLimit-Reset seconds.'),
};

/** `/` (greeting), `/version` and `/config` (secrets shown only as "set" or "unset"). */
export async function infoRoutes(
  app: FastifyInstance,
  { config, build }: { config: Config; build: BuildInfo },
) {
  app.get(
    PATHS.root,
    {
      schema: {
        operationId: 'getGreeting',
        summary: 'Greeting',
        description: 'A short greeting with the service name and version, as plain text.',
        ...info,
        produces: ['text/plain'],
        response: {
          200: { description: 'The greeting.', content: { 'text/plain': { schema: { type: 'string' } } } },
          ...rateLimited,
        },
      },
    },
    async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send(`Hello from ${build.name} ${build.version}. API docs: ${PATHS.docs}\n`),
  );

  app.get(
    PATHS.version,
    {
      schema: {
        operationId: 'getVersion',
        summary: 'Version',
        description: 'Version, git commit and build time of the running build.',
        ...info,
        response: {
          200: Type.Object(
            {
              name: Type.String({ description: 'The service name.' }),
              version: Type.String({ description: 'The package version.' }),
              commit: Type.String({ description: 'The git commit the build came from.' }),
              buildTime: Type.String({ description: 'When the build ran, ISO 8601.' }),
              node: Type.String({ description: 'The Node.js version running it.' }),
            },
            { description: 'The running build.' },
          ),
          ...rateLimited,
        },
      },
    },
    async () => build,
  );

  const shown = redactConfig(config);
  app.get(
    PATHS.config,
    {
      schema: {
        operationId: 'getConfig',
        summary: 'Effective configuration',
        description: 'Every setting as the service uses it. Secrets appear only as "set" or "unset".',
        ...info,
        response: {
          200: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), {
            description: 'Setting name to value.',
          }),
          ...rateLimited,
        },
      },
    },
    async () => shown,
  );
}
