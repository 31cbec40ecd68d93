/**
 * Alerts on causes that hurt this service before (or while) the SLOs burn: the scrape target,
 * pods crash-looping or restarting, the autoscaler out of room, the database, and the event loop.
 * Kubernetes signals come from kube-state-metrics (part of kube-prometheus-stack).
 */
import { METRIC_LABELS, METRICS } from '@slipway/contract';
import type { AlertingRule, Severity } from '../rule-model/rule-types.js';
import { runbookUrl } from '../runbooks/runbook-links.js';
import { BY_DEPLOYMENT, BY_INSTANCE, CONTAINER_NAME, HPA_NAME, selector } from '../series/scrape-target.js';

/** kube-state-metrics series the alerts and the Kubernetes dashboard read. */
export const KUBE_STATE_METRICS = {
  containerWaitingReason: 'kube_pod_container_status_waiting_reason',
  containerRestarts: 'kube_pod_container_status_restarts_total',
  hpaCurrentReplicas: 'kube_horizontalpodautoscaler_status_current_replicas',
  hpaDesiredReplicas: 'kube_horizontalpodautoscaler_status_desired_replicas',
  hpaMaxReplicas: 'kube_horizontalpodautoscaler_spec_max_replicas',
  hpaMinReplicas: 'kube_horizontalpodautoscaler_spec_min_replicas',
  deploymentReplicasAvailable: 'kube_deployment_status_replicas_available',
} as const;

/** Thresholds of the cause alerts, named so docs and tests can quote them. */
export const CAUSE_THRESHOLDS = {
  restartsIn30m: 3,
  dbErrorRatio: 0.05,
  eventLoopLagP99Seconds: 0.2,
} as const;

interface CauseAlert {
  alert: string;
  expr: string;
  for?: string;
  severity: Severity;
  summary: string;
  description: string;
}

export function causeAlertRules(job: string): AlertingRule[] {
  const svc = (...matchers: string[]) => selector(job, ...matchers);
  const container = `{container="${CONTAINER_NAME}"}`;
  const hpa = `{horizontalpodautoscaler="${HPA_NAME}"}`;
  const alerts: CauseAlert[] = [
    {
      alert: 'SlipwayTargetDown',
      expr: `up${svc()} == 0 or absent(up${svc()})`,
      for: '5m',
      severity: 'critical',
      summary: 'Prometheus cannot scrape the service ({{ $labels.instance }}).',
      description:
        'The metrics endpoint of {{ $labels.instance }} in {{ $labels.namespace }} has not answered for 5 minutes, ' +
        'or no target of job {{ $labels.job }} exists at all. Without it the SLO alerts are blind.',
    },
    {
      alert: 'SlipwayPodCrashLooping',
      expr: `max by (namespace, pod, container) (${KUBE_STATE_METRICS.containerWaitingReason}{container="${CONTAINER_NAME}", reason="CrashLoopBackOff"}) == 1`,
      for: '5m',
      severity: 'critical',
      summary: 'Pod {{ $labels.pod }} is crash-looping.',
      description:
        'Container {{ $labels.container }} of pod {{ $labels.pod }} in {{ $labels.namespace }} has been in ' +
        'CrashLoopBackOff for 5 minutes: it starts, exits and is restarted with growing back-off.',
    },
    {
      alert: 'SlipwayPodRestarting',
      expr: `increase(${KUBE_STATE_METRICS.containerRestarts}${container}[30m]) >= ${CAUSE_THRESHOLDS.restartsIn30m}`,
      severity: 'warning',
      summary: 'Pod {{ $labels.pod }} restarted {{ $value | humanize }} times in 30 minutes.',
      description:
        'Container {{ $labels.container }} of pod {{ $labels.pod }} in {{ $labels.namespace }} keeps restarting ' +
        '(liveness probe failures, out-of-memory kills or crashes) without being stuck in CrashLoopBackOff.',
    },
    {
      alert: 'SlipwayHpaAtMaxReplicas',
      expr: `${KUBE_STATE_METRICS.hpaCurrentReplicas}${hpa}\n>=\n${KUBE_STATE_METRICS.hpaMaxReplicas}${hpa}`,
      for: '15m',
      severity: 'warning',
      summary: 'The autoscaler has run the service at its maximum replicas for 15 minutes.',
      description:
        'HPA {{ $labels.horizontalpodautoscaler }} in {{ $labels.namespace }} is pinned at {{ $value }} replicas, ' +
        'its maximum: more load cannot be absorbed by scaling out.',
    },
    {
      alert: 'SlipwayDatabaseErrors',
      expr:
        `sum ${BY_DEPLOYMENT} (rate(${METRICS.dbErrorsTotal}${svc(`${METRIC_LABELS.reason}!="constraint"`)}[5m]))\n/\n` +
        `sum ${BY_DEPLOYMENT} (rate(${METRICS.dbQueryDuration}_count${svc()}[5m]))\n> ${CAUSE_THRESHOLDS.dbErrorRatio}`,
      for: '5m',
      severity: 'warning',
      summary: 'More than 5 % of database operations fail in {{ $labels.namespace }}.',
      // Unique violations (reason="constraint") are a client's duplicate, answered 409: not a fault.
      description:
        '{{ $value | humanizePercentage }} of database operations failed (unavailable, timeout or other) over the ' +
        `last 5 minutes; see ${METRICS.dbErrorsTotal} by ${METRIC_LABELS.reason}.`,
    },
    {
      alert: 'SlipwayDatabasePoolExhausted',
      expr:
        `max ${BY_INSTANCE} (${METRICS.dbPoolConnections}${svc(`${METRIC_LABELS.state}="waiting"`)}) > 0\n` +
        `and on (namespace, job, instance)\n` +
        `max ${BY_INSTANCE} (${METRICS.dbPoolConnections}${svc(`${METRIC_LABELS.state}="total"`)})\n` +
        `>= on (namespace, job, instance)\nmax ${BY_INSTANCE} (${METRICS.dbPoolMax}${svc()})`,
      for: '5m',
      severity: 'warning',
      summary: 'The database connection pool of {{ $labels.instance }} is exhausted.',
      description:
        'Every connection of the pool on {{ $labels.instance }} in {{ $labels.namespace }} is in use and ' +
        '{{ $value }} queries are waiting for one, for 5 minutes.',
    },
    {
      alert: 'SlipwayEventLoopSaturated',
      expr: `max ${BY_INSTANCE} (${METRICS.eventLoopLagP99}${svc()}) > ${CAUSE_THRESHOLDS.eventLoopLagP99Seconds}`,
      for: '10m',
      severity: 'warning',
      summary: 'The event loop of {{ $labels.instance }} lags {{ $value | humanizeDuration }} (p99).',
      description:
        `The Node.js event loop of {{ $labels.instance }} in {{ $labels.namespace }} has had a p99 delay above ` +
        `${CAUSE_THRESHOLDS.eventLoopLagP99Seconds * 1000} ms for 10 minutes: every request waits that long before it is even handled.`,
    },
    {
      alert: 'SlipwayLoadShedding',
      expr: `sum ${BY_DEPLOYMENT} (rate(${METRICS.loadShedTotal}${svc()}[5m])) > 0`,
      for: '5m',
      severity: 'warning',
      summary: 'The service is refusing requests because it is overloaded.',
      description:
        'Pods in {{ $labels.namespace }} have answered 503 to {{ $value | humanize }} requests per second for 5 minutes ' +
        'because their event loop was saturated (load shedding).',
    },
  ];
  return alerts.map(({ alert, expr, for: pending, severity, summary, description }) => ({
    alert,
    expr,
    ...(pending === undefined ? {} : { for: pending }),
    labels: { severity },
    annotations: { summary, description, runbook_url: runbookUrl(alert) },
  }));
}
