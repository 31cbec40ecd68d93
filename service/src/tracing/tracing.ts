import type { FastifyPluginAsync } from 'fastify';

export interface Tracing {
  /** Registers request spans on the app (nothing when tracing is off); applies to every route. */
  plugin: FastifyPluginAsync;
  /** Pino mixin: `{ trace_id, span_id }` of the active span, `{}` when there is none. */
  logMixin(): Record<string, unknown>;
  /** Exports the spans still buffered and stops the exporter. */
  shutdown(): Promise<void>;
}

/** Field names of the trace context in log lines; the log shipper pipeline keys on them. */
export const LOG_TRACE_FIELDS = { traceId: 'trace_id', spanId: 'span_id' } as const;

/** The OTLP/HTTP traces URL for a collector base URL, as the OTLP exporter spec derives it. */
export function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}
