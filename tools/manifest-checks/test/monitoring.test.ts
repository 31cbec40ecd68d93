/**
 * The monitoring wiring as the Prometheus Operator and the Grafana sidecar would see it: the
 * ServiceMonitor selects the Service's metrics port, the rules and monitors carry the label the
 * chart's Prometheus selects (its release name), and the dashboards carry the sidecar's label.
 */

import { ENVIRONMENTS, PATHS, PORT_NAMES } from '@slipway/contract';
import { CHARTS } from '@slipway/deploy';
import { grafanaDashboards, prometheusRuleGroups } from '@slipway/observability';
import { describe, expect, it } from 'vitest';
import { renderedManifests } from '../src/rendered-manifests.js';
import { selects } from '../src/workloads.js';

// biome-ignore lint/suspicious/noExplicitAny: reads fields of rendered objects of several kinds
type Json = Record<string, any>;

const all = renderedManifests();

describe.each(ENVIRONMENTS)('monitoring wiring on %s', (env) => {
  const objects = all.filter((o) => o.environment === env);
  const find = (kind: string) =>
    objects.filter((o) => o.object.kind === kind).map((o) => o.object as unknown as Json);
  const stack = find('Application').find((a) => a.spec.source.chart === CHARTS.kubePrometheusStack.chart)!;
  const values = stack.spec.source.helm.valuesObject;

  it('lets the chart Prometheus select the ServiceMonitor and the PrometheusRule by its release label', () => {
    expect(values.prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues).toBe(true);
    expect(values.prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues).toBe(true);
    for (const kind of ['ServiceMonitor', 'PrometheusRule']) {
      const [object] = find(kind);
      expect(object?.metadata.labels.release, kind).toBe(stack.spec.source.helm.releaseName);
    }
  });

  it('scrapes the Service port that targets the metrics container port, at the metrics path', () => {
    const [monitor] = find('ServiceMonitor');
    const [service] = find('Service');
    expect(selects(monitor!.spec.selector.matchLabels, service!.metadata.labels)).toBe(true);
    expect(monitor!.spec.namespaceSelector.matchNames).toContain(service!.metadata.namespace);
    const port = service!.spec.ports.find(
      (p: { name: string }) => p.name === monitor!.spec.endpoints[0].port,
    );
    expect(port?.targetPort).toBe(PORT_NAMES.metrics);
    expect(monitor!.spec.endpoints[0].path).toBe(PATHS.metrics);
  });

  it('ships every rule group and every dashboard, each where the Grafana sidecar looks', () => {
    const [rule] = find('PrometheusRule');
    expect(rule!.spec.groups.map((g: { name: string }) => g.name)).toEqual(
      prometheusRuleGroups().map((g) => g.name),
    );
    const sidecar = values.grafana.sidecar.dashboards;
    expect(sidecar.searchNamespace).toBe('ALL');
    const dashboards = find('ConfigMap').filter(
      (c) => c.metadata.labels?.[sidecar.label] === sidecar.labelValue,
    );
    const files = dashboards.flatMap((c) => Object.keys(c.data));
    expect(files.sort()).toEqual(
      grafanaDashboards()
        .map((d) => d.fileName)
        .sort(),
    );
    for (const c of dashboards)
      for (const json of Object.values(c.data)) expect(() => JSON.parse(json as string)).not.toThrow();
  });
});
