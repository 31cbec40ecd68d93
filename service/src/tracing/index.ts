/**
 * OpenTelemetry tracing for the HTTP server: one SERVER span per request, exported over OTLP/HTTP
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set. With the endpoint empty nothing is started and the
 * plugin adds no hooks, so tracing costs nothing when it is off.
 */
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { Config } from '@slipway/contract';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { requestSpansPlugin } from './request-spans-plugin.js';

export interface Tracing {
  /** Registers the request-span hooks (none when tracing is off); wrapped with fastify-plugin so
   * the hooks apply to every route, not only to a child scope. */
  plugin: FastifyPluginAsync;
  /** Pino mixin: `{ trace_id, span_id }` of the active span, `{}` when there is none. */
  logMixin(): Record<string, unknown>;
  /** Exports the spans still buffered and stops the exporter. */
  shutdown(): Promise<void>;
}

/** Field names of the trace context in log lines; the log shipper pipeline keys on them. */
export const LOG_TRACE_FIELDS = { traceId: 'trace_id', spanId: 'span_id' } as const;

const noHooks: FastifyPluginAsync = async () => {};
const PLUGIN_NAME = 'slipway-tracing';

/** The OTLP/HTTP traces URL for a collector base URL, as the OTLP exporter spec derives it. */
export function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

export function createTracing(config: Config): Tracing {
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT === '') {
    return { plugin: fp(noHooks, { name: PLUGIN_NAME }), logMixin: () => ({}), shutdown: async () => {} };
  }

  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: config.OTEL_SERVICE_NAME,
      [ATTR_SERVICE_VERSION]: config.GIT_COMMIT,
    }),
    spanProcessors: [
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: otlpTracesUrl(config.OTEL_EXPORTER_OTLP_ENDPOINT) }),
      ),
    ],
  });
  // The request span must be the active span for everything the request does (handlers, database,
  // log lines), which needs a context manager that follows async work: AsyncLocalStorage.
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const tracer = provider.getTracer(config.OTEL_SERVICE_NAME);

  return {
    plugin: fp(requestSpansPlugin(tracer), { name: PLUGIN_NAME, fastify: '5.x' }),
    logMixin() {
      const span = trace.getActiveSpan();
      if (span === undefined) return {};
      const { traceId, spanId } = span.spanContext();
      return { [LOG_TRACE_FIELDS.traceId]: traceId, [LOG_TRACE_FIELDS.spanId]: spanId };
    },
    async shutdown() {
      await provider.shutdown();
      context.disable();
    },
  };
}
