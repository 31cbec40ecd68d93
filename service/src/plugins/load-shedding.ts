import underPressure from '@fastify/under-pressure';
import type { Config } from '@slipway/contract';
import type { FastifyInstance } from 'fastify';
import { ProblemError } from '../http/problem-types.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';

/**
 * Answers 503 while the event loop is saturated, so a replica that cannot keep up sheds load
 * quickly instead of queueing requests until they time out. Probes opt out (route config
 * `pressureHandler`): a busy pod must not be restarted or pulled for being busy.
 */
export async function registerLoadShedding(app: FastifyInstance, config: Config, metrics: ServiceMetrics) {
  if (config.LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS === 0) return;
  await app.register(underPressure, {
    maxEventLoopDelay: config.LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS,
    pressureHandler: async () => {
      metrics.loadShed.inc();
      throw new ProblemError(
        'overloaded',
        'The service is overloaded. Retry after the seconds in Retry-After.',
        {
          'retry-after': '1',
        },
      );
    },
  });
}

/** Route config that lets a probe through while load is being shed. */
export const EXEMPT_FROM_LOAD_SHEDDING = { pressureHandler: () => undefined } as const;
