import { UNMATCHED_ROUTE_LABEL } from '@slipway/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceMetrics } from '../metrics/service-metrics.js';

/** Counts and times an answered request by method, route template (never the raw URL) and status. */
export function requestMetrics(
  metrics: ServiceMetrics,
): (request: FastifyRequest, reply: FastifyReply) => void {
  return (request, reply) => {
    const labels = {
      method: request.method,
      route: request.is404 ? UNMATCHED_ROUTE_LABEL : (request.routeOptions.url ?? UNMATCHED_ROUTE_LABEL),
      status_code: String(reply.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  };
}
