import { setTimeout as sleep } from 'node:timers/promises';
import { type Config, splitList } from '@slipway/contract';
import type { FastifyInstance } from 'fastify';
import { ProblemError } from './problem-types.js';

/**
 * Injects errors and latency into chosen routes, for alert drills and the observability tests.
 * Off unless FAULT_INJECTION_ENABLED=true; the staging and production manifests never set it.
 */
export function registerFaultInjection(
  app: FastifyInstance,
  config: Config,
  random: () => number = Math.random,
) {
  if (!config.FAULT_INJECTION_ENABLED) return;
  const routes = new Set(splitList(config.FAULT_ROUTES));
  const applies = (route: string | undefined) =>
    route !== undefined && (routes.size === 0 ? route.startsWith('/api') : routes.has(route));
  app.log.warn(
    { errorRate: config.FAULT_ERROR_RATE, delayMs: config.FAULT_DELAY_MS, routes: [...routes] },
    'FAULT INJECTION IS ON: requests will be delayed and fail on purpose',
  );
  app.addHook('preHandler', async (request) => {
    if (!applies(request.routeOptions.url)) return;
    if (config.FAULT_DELAY_MS > 0) await sleep(config.FAULT_DELAY_MS);
    if (random() < config.FAULT_ERROR_RATE) {
      throw new ProblemError(
        'fault-injected',
        'This failure was injected on purpose (FAULT_INJECTION_ENABLED).',
      );
    }
  });
}
