/**
 * How Prometheus and Grafana find the service: a ServiceMonitor for the metrics port, the alert and
 * recording rules and the dashboards published by @slipway/observability.
 */

import {
  type IPrometheusRule,
  PrometheusRule,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { NAMESPACES, OBJECT_NAMES, PATHS, PORT_NAMES, SERVICE_NAME } from '@slipway/contract';
import { grafanaDashboards, prometheusRuleGroups, SCRAPE_INTERVAL } from '@slipway/observability';
import type { Construct } from 'constructs';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { GRAFANA_DASHBOARD_LABEL, PROMETHEUS_SELECTOR_LABELS } from '../addons/kube-prometheus-stack.js';
import { addObject } from '../objects/kube-object.js';
import { DASHBOARD_TITLE_ANNOTATION, SERVICE_LABELS } from '../objects/names.js';

export function serviceMonitoring(scope: Construct): void {
  const metadata = (name: string) => ({
    name,
    namespace: NAMESPACES.service,
    labels: { ...SERVICE_LABELS, ...PROMETHEUS_SELECTOR_LABELS },
  });
  const monitor = new ServiceMonitor({
    metadata: metadata(OBJECT_NAMES.service),
    spec: {
      selector: { matchLabels: { ...SERVICE_LABELS } },
      namespaceSelector: { matchNames: [NAMESPACES.service] },
      endpoints: [
        { port: PORT_NAMES.metrics, path: PATHS.metrics, interval: SCRAPE_INTERVAL, scheme: 'http' },
      ],
    },
  });
  addObject(scope, monitor);

  const rules = new PrometheusRule({
    metadata: metadata(OBJECT_NAMES.rules),
    spec: {
      groups: prometheusRuleGroups() as IPrometheusRule['spec']['groups'],
    },
  });
  addObject(scope, rules);

  // One ConfigMap per dashboard keeps each well under the 1 MiB object limit.
  for (const dashboard of grafanaDashboards()) {
    // slipway-red.json → slipway-dashboards-red
    const base = dashboard.fileName.replace(/\.json$/, '');
    const suffix = base.startsWith(`${SERVICE_NAME}-`) ? base.slice(SERVICE_NAME.length + 1) : base;
    const name = `${OBJECT_NAMES.dashboards}-${suffix}`;
    addObject(
      scope,
      new ConfigMap({
        metadata: {
          name,
          namespace: NAMESPACES.service,
          labels: {
            ...SERVICE_LABELS,
            ...GRAFANA_DASHBOARD_LABEL,
          },
          annotations: { [DASHBOARD_TITLE_ANNOTATION]: dashboard.title },
        },
        data: { [dashboard.fileName]: JSON.stringify(dashboard.json, null, 2) },
      }),
    );
  }
}
