/**
 * OpenTelemetry tracing, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. Off, nothing of the
 * OpenTelemetry SDK is even loaded and the plugin adds no hooks, so tracing costs nothing; on,
 * `otel-tracing.ts` is loaded and exports spans over OTLP/HTTP.
 */
import type { Config } from '@slipway/contract';
import fp from 'fastify-plugin';
import type { Tracing } from './tracing.js';

export { LOG_TRACE_FIELDS, otlpTracesUrl, type Tracing } from './tracing.js';

const TRACING_OFF: Tracing = {
  plugin: fp(async () => {}, { name: 'slipway-tracing-off' }),
  logMixin: () => ({}),
  shutdown: async () => {},
};

export async function createTracing(config: Config): Promise<Tracing> {
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT === '') return TRACING_OFF;
  const { startTracing } = await import('./otel-tracing.js');
  return startTracing(config);
}
