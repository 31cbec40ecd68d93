import { PATHS } from '@slipway/contract';
import type { Registry } from 'prom-client';
import { createServer, type Server } from '../node/http.js';

/**
 * Serves Prometheus exposition on its own port, outside Fastify: no ingress routes to it, and it
 * keeps answering while the public server drains, so the last scrape sees the shutdown.
 */
export function createMetricsServer(registry: Registry): Server {
  return createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== PATHS.metrics) {
      response
        .writeHead(404, { 'content-type': 'text/plain' })
        .end(`Not found: metrics are at ${PATHS.metrics}\n`);
      return;
    }
    registry.metrics().then(
      (body) => response.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
    );
  });
}
