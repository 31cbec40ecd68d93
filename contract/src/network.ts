/**
 * Ports and paths the service listens on. Manifests, probes, dashboards, tests and docs import
 * these; nobody retypes them.
 */

/** The public HTTP port (container port and default `PORT`). */
export const HTTP_PORT = 8080;

/** The Prometheus metrics port (default `METRICS_PORT`). No ingress routes to it. */
export const METRICS_PORT = 9464;

/** OTLP over HTTP's standard port: where the trace collector (Tempo, in the cluster and locally) receives spans. */
export const OTLP_HTTP_PORT = 4318;

/** Named ports, as Kubernetes Services and ServiceMonitors refer to them. */
export const PORT_NAMES = { http: 'http', metrics: 'metrics' } as const;

export const PATHS = {
  /** Liveness: the process serves. Never touches the database. */
  liveness: '/healthz',
  /** Readiness: migrations applied and not shutting down. */
  readiness: '/readyz',
  version: '/version',
  config: '/config',
  root: '/',
  users: '/api/users',
  openapi: '/openapi.json',
  docs: '/docs',
  /** Served on METRICS_PORT only. */
  metrics: '/metrics',
} as const;
