/**
 * @slipway/observability: the service's SLOs, Prometheus rules, Grafana dashboards and log
 * pipeline and the Alertmanager configuration as code. deploy/ renders these into PrometheusRule
 * and ConfigMap objects and kube-prometheus-stack's values.
 */
export {
  type AlertmanagerConfigOptions,
  alertmanagerConfig,
  alertmanagerConfigYaml,
} from './alerting/alertmanager-config.js';
export type {
  AlertmanagerConfig,
  AlertmanagerRoute,
  Receiver,
} from './alerting/alertmanager-config-types.js';
export {
  clusterReceiverEndpoints,
  OPSGENIE_API_URL,
  operatorSecretsDir,
  RECEIVERS,
  type ReceiverEndpoints,
  type ReceiverName,
} from './alerting/receivers.js';
export {
  type AlertTimings,
  GROUP_BY,
  INFO_INHIBITOR_ALERT,
  INHIBIT_RULES,
  PRODUCTION_TIMINGS,
  type RoutedSeverity,
  SEVERITY_RECEIVERS,
  WATCHDOG_ALERT,
} from './alerting/routing-tree.js';
export { VARIABLES as DASHBOARD_VARIABLES } from './dashboards/dashboard-parts.js';
export { type GrafanaDashboard, grafanaDashboards } from './dashboards/index.js';
export { CADVISOR_METRICS } from './dashboards/kubernetes-dashboard.js';
export {
  alloyLokiProcess,
  KUBERNETES_LOG_LABELS,
  type LogField,
  type LogShipperPipeline,
  logShipperPipeline,
} from './logs/log-shipper-pipeline.js';
export type { AlertingRule, RecordingRule, Rule, RuleGroup, Severity } from './rule-model/rule-types.js';
export { isAlertingRule } from './rule-model/rule-types.js';
export { CAUSE_THRESHOLDS, KUBE_STATE_METRICS } from './rules/cause-alerts.js';
export { renderRuleFile, ruleFileYaml } from './rules/rule-file.js';
export {
  type BurnRateDrillOptions,
  burnRateDrillRuleGroups,
  prometheusRuleGroups,
  type RuleGroupOptions,
} from './rules/rule-groups.js';
export { runbookPath, runbookUrl } from './runbooks/runbook-links.js';
export {
  CONTAINER_NAME,
  DEPLOYMENT_NAME,
  HPA_NAME,
  SCRAPE_INTERVAL,
  SCRAPE_JOB,
} from './series/scrape-target.js';
export { BURN_RATE_POLICIES, type BurnRatePolicy } from './slo/burn-rate-policies.js';
export { SLO_SERIES } from './slo/slo-rules.js';
export { AVAILABILITY_SLO, LATENCY_SLO, SLOS, type Slo } from './slo/slos.js';
