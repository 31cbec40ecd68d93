/**
 * Prometheus for the local stack: scrapes the service under the same `job` and `namespace` labels
 * the cluster's ServiceMonitor gives it, so the shipped rules and dashboards select the same
 * series, and loads the very rule groups the cluster's PrometheusRule holds.
 */
import { METRICS_PORT, NAMESPACES, PATHS, SERVICE_NAME } from '@slipway/contract';
import { prometheusRuleGroups, SCRAPE_INTERVAL, SCRAPE_JOB } from '@slipway/observability';
import { stringify } from 'yaml';

/** The compose service the scrape reaches (compose.yaml's `slipway`). */
export const SERVICE_HOST = SERVICE_NAME;
export const RULES_FILE = 'rules/slipway.yml';

export function prometheusConfig(): object {
  return {
    global: { scrape_interval: SCRAPE_INTERVAL, evaluation_interval: SCRAPE_INTERVAL },
    rule_files: [RULES_FILE],
    scrape_configs: [
      {
        job_name: SCRAPE_JOB,
        metrics_path: PATHS.metrics,
        static_configs: [
          { targets: [`${SERVICE_HOST}:${METRICS_PORT}`], labels: { namespace: NAMESPACES.service } },
        ],
      },
      { job_name: 'prometheus', static_configs: [{ targets: ['localhost:9090'] }] },
    ],
  };
}

export function prometheusRuleFile(): string {
  return stringify({ groups: prometheusRuleGroups() }, { lineWidth: 0, aliasDuplicateObjects: false });
}
