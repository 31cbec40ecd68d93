import rateLimit from '@fastify/rate-limit';
import type { Config } from '@slipway/contract';
import type { FastifyInstance } from 'fastify';

/**
 * Per-client-address rate limit with the IETF RateLimit-* headers. Probes are exempt (route config
 * `rateLimit: false`) so a busy kubelet or load balancer never gets 429. In-memory per replica:
 * the limit a client sees scales with the replica count; a shared store is not worth its failure
 * modes for a limit that only protects against floods.
 */
export async function registerRateLimit(app: FastifyInstance, config: Config) {
  if (config.RATE_LIMIT_MAX === 0) return;
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    enableDraftSpec: true,
    errorResponseBuilder: (_request, context) => {
      const error = new Error(
        `Rate limit of ${context.max} requests per ${context.after} exceeded for this client.`,
      ) as Error & { statusCode: number };
      error.statusCode = 429;
      return error;
    },
  });
}
