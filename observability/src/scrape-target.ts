/**
 * How Prometheus labels the service's series. Every rule and dashboard selects on `job`, because
 * metric names such as `http_requests_total` are common to many applications in a cluster.
 */
import { SERVICE_NAME } from '@slipway/service/contract';

/**
 * The `job` label of the service's metrics. With the Prometheus Operator a ServiceMonitor sets
 * `job` to the Kubernetes Service's name, so the Service must be named this (or the
 * ServiceMonitor's `jobLabel` must yield it); the local Prometheus scrape config uses it as job_name.
 */
export const SCRAPE_JOB = SERVICE_NAME;

/** The container name in the service's pods: kube-state-metrics series select on it. */
export const CONTAINER_NAME = SERVICE_NAME;

/** The HorizontalPodAutoscaler's name. */
export const HPA_NAME = SERVICE_NAME;

/** The Deployment's name. */
export const DEPLOYMENT_NAME = SERVICE_NAME;

/** Labels every SLO series and alert is aggregated by: one result per deployment of the service. */
export const AGGREGATION_LABELS = ['namespace', 'job'] as const;
export const BY_DEPLOYMENT = `by (${AGGREGATION_LABELS.join(', ')})`;
/** One result per pod (instance) for per-process signals such as event-loop lag. */
export const BY_INSTANCE = `by (${[...AGGREGATION_LABELS, 'instance'].join(', ')})`;

/** A PromQL selector `{job="slipway", ...}` with extra matchers, e.g. `route!~"..."`. */
export function selector(job: string, ...matchers: string[]): string {
  return `{${[`job="${job}"`, ...matchers].join(', ')}}`;
}
