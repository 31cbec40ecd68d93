/**
 * Tracing on: a tracer provider exporting over OTLP/HTTP, `@fastify/otel` for one SERVER span per
 * request (named `<METHOD> <route template>`, continuing an incoming W3C `traceparent`) and the
 * PostgreSQL instrumentation for a span per query. Loaded only when tracing is on.
 */
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import type { Config } from '@slipway/contract';
import type { FastifyPluginAsync } from 'fastify';
import pg from 'pg';
import { LOG_TRACE_FIELDS, otlpTracesUrl, type Tracing } from './tracing.js';

/**
 * OpenTelemetry instrumentations patch a module as Node loads it. Here `pg` is loaded before
 * tracing starts (and, in the image, it sits inside the esbuild bundle, where no load hook sees
 * it), so the instrumentation's own patches are applied to the loaded module instead: `pg` for
 * client queries and `pg-pool` (the class pg.Pool extends) for pool checkouts.
 */
function instrumentLoadedPg(instrumentation: PgInstrumentation): void {
  const loaded: Record<string, unknown> = { pg, 'pg-pool': Object.getPrototypeOf(pg.Pool) };
  for (const definition of instrumentation.getModuleDefinitions()) {
    const moduleExports = loaded[definition.name];
    if (moduleExports !== undefined) definition.patch?.(moduleExports);
  }
}

export function startTracing(config: Config): Tracing {
  const provider = new NodeTracerProvider({
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
  // Global context manager (AsyncLocalStorage, so the request span stays active through the
  // handler, the database and the log lines) and the W3C trace-context propagator.
  provider.register();

  const fastifyOtel = new FastifyOtelInstrumentation({
    // One span per request and one for its handler; a span per lifecycle hook is noise here.
    instrumentHooks: false,
    requestHook: (span, request) => {
      span.updateName(`${request.method} ${request.routeOptions.url ?? request.url.split('?', 1)[0]}`);
      // url.path is the path alone; the query string is the client's and may carry anything.
      span.setAttribute(ATTR_URL_PATH, request.url.split('?', 1)[0] ?? request.url);
    },
  });
  fastifyOtel.setTracerProvider(provider);
  const pgInstrumentation = new PgInstrumentation({ requireParentSpan: true });
  pgInstrumentation.setTracerProvider(provider);
  instrumentLoadedPg(pgInstrumentation);

  return {
    plugin: fastifyOtel.plugin() as unknown as FastifyPluginAsync,
    logMixin() {
      const span = trace.getActiveSpan();
      if (span === undefined) return {};
      const { traceId, spanId } = span.spanContext();
      return { [LOG_TRACE_FIELDS.traceId]: traceId, [LOG_TRACE_FIELDS.spanId]: spanId };
    },
    async shutdown() {
      await provider.shutdown();
      fastifyOtel.disable();
      pgInstrumentation.disable();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
