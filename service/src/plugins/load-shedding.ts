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
  // Each sample measures the event loop since the one before. The sample taken as the start-up
  // ends (schemas compiled, a busy node) measures the start-up, not traffic, and would shed the
  // first requests after the replica turns ready: pressure counts from the next sample on.
  let judgedFrom = Number.POSITIVE_INFINITY;
  app.addHook('onListen', async () => {
    judgedFrom = performance.now() + SAMPLE_INTERVAL_MS + SAMPLE_MARGIN_MS;
  });
  await app.register(underPressure, {
    maxEventLoopDelay: config.LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS,
    sampleInterval: SAMPLE_INTERVAL_MS,
    pressureHandler: async () => {
      if (performance.now() < judgedFrom) return; // let the request through
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

/** under-pressure's sampling period (its default, named so the start-up grace can count on it). */
const SAMPLE_INTERVAL_MS = 1_000;
const SAMPLE_MARGIN_MS = 250;

/** Route config that lets a probe through while load is being shed. */
export const EXEMPT_FROM_LOAD_SHEDDING = { pressureHandler: () => undefined } as const;
