import { DB_DURATION_BUCKETS, HTTP_DURATION_BUCKETS, METRIC_LABELS as L, METRICS } from '@slipway/contract';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/**
 * The service's Prometheus metrics, in a registry of their own (not prom-client's global one), so
 * several app instances in one test process never share counters.
 */
export function createServiceMetrics(build: { version: string; commit: string }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

  const httpRequests = new Counter({
    name: METRICS.httpRequestsTotal,
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: [L.method, L.route, L.statusCode],
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: METRICS.httpRequestDuration,
    help: 'Time to answer HTTP requests, by method, route template and status code.',
    labelNames: [L.method, L.route, L.statusCode],
    buckets: HTTP_DURATION_BUCKETS,
    registers: [registry],
  });
  const dbDuration = new Histogram({
    name: METRICS.dbQueryDuration,
    help: 'Database query duration, by operation (select, insert, update, delete, other) and outcome.',
    labelNames: [L.operation, L.outcome],
    buckets: DB_DURATION_BUCKETS,
    registers: [registry],
  });
  const dbErrors = new Counter({
    name: METRICS.dbErrorsTotal,
    help: 'Failed database operations (connect, select, insert, update, delete, other) by reason (unavailable, timeout, constraint, other).',
    labelNames: [L.operation, L.reason],
    registers: [registry],
  });
  const loadShed = new Counter({
    name: METRICS.loadShedTotal,
    help: 'Requests refused with 503 because the event loop was saturated.',
    registers: [registry],
  });
  const ready = new Gauge({
    name: METRICS.ready,
    help: '1 while the service reports ready on its readiness probe, 0 otherwise.',
    registers: [registry],
  });
  new Gauge({
    name: METRICS.buildInfo,
    help: 'Always 1; the labels describe the running build.',
    labelNames: ['version', 'commit', 'node_version'],
    registers: [registry],
  }).set({ version: build.version, commit: build.commit, node_version: process.version }, 1);

  let poolStats: () => PoolStats | undefined = () => undefined;
  new Gauge({
    name: METRICS.dbPoolConnections,
    help: 'PostgreSQL pool connections by state (total, idle, waiting = requests queued for one).',
    labelNames: [L.state],
    registers: [registry],
    collect() {
      const stats = poolStats();
      if (stats === undefined) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  new Gauge({
    name: METRICS.dbPoolMax,
    help: 'The configured maximum size of the PostgreSQL pool.',
    registers: [registry],
    collect() {
      const stats = poolStats();
      if (stats !== undefined) this.set(stats.max);
    },
  });

  return {
    registry,
    httpRequests,
    httpDuration,
    dbDuration,
    dbErrors,
    loadShed,
    ready,
    /** Lets the database report its pool without the metrics knowing about pg. */
    observePool(source: () => PoolStats | undefined) {
      poolStats = source;
    },
  };
}

export type ServiceMetrics = ReturnType<typeof createServiceMetrics>;
