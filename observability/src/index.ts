/**
 * @slipway/observability: the service's SLOs, Prometheus rules, Grafana dashboards and log
 * pipeline as code. deploy/ renders these into PrometheusRule and ConfigMap objects.
 */
export { type GrafanaDashboard, grafanaDashboards } from './dashboards/index.js';
export { CADVISOR_METRICS } from './dashboards/kubernetes-dashboard.js';
export {
  alloyLokiProcess,
  KUBERNETES_LOG_LABELS,
  type LogField,
  type LogShipperPipeline,
  logShipperPipeline,
} from './logs/log-shipper-pipeline.js';
export { CAUSE_THRESHOLDS, KUBE_STATE_METRICS } from './rules/cause-alerts.js';
export {
  type BurnRateDrillOptions,
  burnRateDrillRuleGroups,
  prometheusRuleGroups,
  type RuleGroupOptions,
} from './rules/rule-groups.js';
export type { AlertingRule, RecordingRule, Rule, RuleGroup, Severity } from './rules/rule-types.js';
export { isAlertingRule } from './rules/rule-types.js';
export { runbookPath, runbookUrl } from './runbooks.js';
export { CONTAINER_NAME, DEPLOYMENT_NAME, HPA_NAME, SCRAPE_JOB } from './scrape-target.js';
export { BURN_RATE_POLICIES, type BurnRatePolicy } from './slo/burn-rate-policies.js';
export { SLO_SERIES } from './slo/slo-rules.js';
export { AVAILABILITY_SLO, LATENCY_SLO, SLOS, type Slo } from './slo/slos.js';
