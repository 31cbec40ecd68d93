/**
 * Metric names and label names the service exposes on METRICS_PORT. SLOs, alert rules,
 * dashboards and tests import these.
 */
export const METRICS = {
  /** Counter: method, route, status_code. */
  httpRequestsTotal: 'http_requests_total',
  /** Histogram (seconds): method, route, status_code. */
  httpRequestDuration: 'http_request_duration_seconds',
  /** Histogram (seconds): operation, outcome. */
  dbQueryDuration: 'db_query_duration_seconds',
  /** Counter of failed database operations: operation, reason. */
  dbErrorsTotal: 'db_errors_total',
  /** Gauge: connections by state (total, idle, waiting) in the PostgreSQL pool. */
  dbPoolConnections: 'db_pool_connections',
  /** Gauge: the configured maximum pool size. */
  dbPoolMax: 'db_pool_max_connections',
  /** Counter of requests refused because the event loop was saturated. */
  loadShedTotal: 'http_requests_shed_total',
  /** Gauge, always 1: version, commit, node_version. */
  buildInfo: 'build_info',
  /** Gauge: 1 while the service reports ready, 0 otherwise. */
  ready: 'service_ready',
  /** prom-client default metrics (event loop lag, heap, GC) use this prefix-less name. */
  eventLoopLag: 'nodejs_eventloop_lag_seconds',
  eventLoopLagP99: 'nodejs_eventloop_lag_p99_seconds',
  heapUsed: 'nodejs_heap_size_used_bytes',
  gcDuration: 'nodejs_gc_duration_seconds',
  residentMemory: 'process_resident_memory_bytes',
  cpuSeconds: 'process_cpu_seconds_total',
} as const;

export const METRIC_LABELS = {
  method: 'method',
  route: 'route',
  statusCode: 'status_code',
  operation: 'operation',
  outcome: 'outcome',
  reason: 'reason',
  state: 'state',
} as const;

/** Buckets for http_request_duration_seconds. 0.3 s is the latency SLO threshold. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.3, 0.5, 1, 2.5, 5, 10];

/** Buckets for db_query_duration_seconds. */
export const DB_DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** The `route` label of requests that matched no route (never the raw URL: unbounded cardinality). */
export const UNMATCHED_ROUTE_LABEL = 'unmatched';
