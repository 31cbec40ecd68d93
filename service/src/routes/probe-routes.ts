import { PATHS } from '@slipway/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Database } from '../db/database.js';
import { EXEMPT_FROM_LOAD_SHEDDING } from '../plugins/load-shedding.js';
import type { Lifecycle } from '../runtime/lifecycle.js';
import { withinTimeout } from '../runtime/time-limit.js';

const PING_TIMEOUT_MS = 1000;

async function databaseStatus(database: Database): Promise<'up' | 'down'> {
  try {
    await withinTimeout(database.ping(), PING_TIMEOUT_MS);
    return 'up';
  } catch {
    return 'down';
  }
}

const ReadinessBody = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('starting'), Type.Literal('draining')]),
  database: Type.Union([Type.Literal('up'), Type.Literal('down')]),
});

const probeConfig = { rateLimit: false, ...EXEMPT_FROM_LOAD_SHEDDING } as const;

export async function probeRoutes(
  app: FastifyInstance,
  { database, lifecycle }: { database: Database; lifecycle: Lifecycle },
) {
  app.get(
    PATHS.liveness,
    {
      config: probeConfig,
      logLevel: 'warn',
      schema: {
        summary: 'Liveness: the process serves. Never touches the database.',
        tags: ['probes'],
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    PATHS.readiness,
    {
      config: probeConfig,
      logLevel: 'warn',
      schema: {
        summary: 'Readiness: 200 once migrations are applied and until shutdown begins.',
        description:
          'The body reports the database, but a database outage does not fail readiness: pulling every replica out of the load balancer would turn a database blip into a full outage.',
        tags: ['probes'],
        response: {
          200: ReadinessBody,
          503: ReadinessBody,
        },
      },
    },
    async (_request, reply) => {
      const status = lifecycle.phase;
      return reply
        .code(status === 'ready' ? 200 : 503)
        .send({ status, database: await databaseStatus(database) });
    },
  );
}
