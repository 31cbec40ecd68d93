/** The OTLP/HTTP collector spans go to: Tempo's receiver in the monitoring namespace. */
import { NAMESPACES, OTLP_HTTP_PORT } from '@slipway/contract';

export const TRACING_COLLECTOR = {
  namespace: NAMESPACES.monitoring,
  service: 'tempo',
  /** Pod label of Tempo's single binary (the tempo chart's default). */
  podLabels: { 'app.kubernetes.io/name': 'tempo' },
  port: OTLP_HTTP_PORT,
} as const;

export const TRACING_ENDPOINT = `http://${TRACING_COLLECTOR.service}.${TRACING_COLLECTOR.namespace}.svc.cluster.local:${TRACING_COLLECTOR.port}`;
