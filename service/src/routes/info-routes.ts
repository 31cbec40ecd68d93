import { type Config, PATHS } from '@slipway/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { BuildInfo } from '../build-info.js';
import { redactConfig } from '../config/index.js';

/** `/` (greeting), `/version` and `/config` (secrets shown only as "set" or "unset"). */
export async function infoRoutes(
  app: FastifyInstance,
  { config, build }: { config: Config; build: BuildInfo },
) {
  app.get(
    PATHS.root,
    {
      schema: {
        summary: 'A short greeting with the service name and version.',
        tags: ['info'],
        response: { 200: { type: 'string' } },
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
        summary: 'Version, git commit and build time of the running build.',
        tags: ['info'],
        response: {
          200: Type.Object({
            name: Type.String(),
            version: Type.String(),
            commit: Type.String(),
            buildTime: Type.String(),
            node: Type.String(),
          }),
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
        summary: 'The effective configuration. Secrets appear only as "set" or "unset".',
        tags: ['info'],
        response: {
          200: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
        },
      },
    },
    async () => shown,
  );
}
