/**
 * How Prometheus labels the service's series. Every rule and dashboard selects on `job`, because
 * metric names such as `http_requests_total` are common to many applications in a cluster.
 */
import { OBJECT_NAMES } from '@slipway/contract';

/**
 * The `job` label of the service's metrics. With the Prometheus Operator a ServiceMonitor sets
 * `job` to the Kubernetes Service's name, so the Service must be named this (or the
 * ServiceMonitor's `jobLabel` must yield it); the local Prometheus scrape config uses it as job_name.
 */
export const SCRAPE_JOB = OBJECT_NAMES.service;

/**
 * How often Prometheus scrapes the service, wherever it runs (the cluster's ServiceMonitor, the
 * local stack). The shortest rule window, 5m, spans twenty scrapes, so `rate()` always has points.
 */
export const SCRAPE_INTERVAL = '15s';

/** kube-state-metrics series of the service select on its object names. */
export const CONTAINER_NAME = OBJECT_NAMES.container;
export const HPA_NAME = OBJECT_NAMES.horizontalPodAutoscaler;
export const DEPLOYMENT_NAME = OBJECT_NAMES.deployment;

/** Labels every SLO series and alert is aggregated by: one result per deployment of the service. */
export const AGGREGATION_LABELS = ['namespace', 'job'] as const;
export const BY_DEPLOYMENT = `by (${AGGREGATION_LABELS.join(', ')})`;
/** One result per pod (instance) for per-process signals such as event-loop lag. */
export const BY_INSTANCE = `by (${[...AGGREGATION_LABELS, 'instance'].join(', ')})`;

/** A PromQL selector `{job="slipway", ...}` with extra matchers, e.g. `route!~"..."`. */
export function selector(job: string, ...matchers: string[]): string {
  return `{${[`job="${job}"`, ...matchers].join(', ')}}`;
}
