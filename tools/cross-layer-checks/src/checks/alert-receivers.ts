/**
 * Every alert ⇒ a receiver that tells someone. The rules deploy/ ships and the chart's default
 * rules are routed through the Alertmanager configuration in kube-prometheus-stack's values (or,
 * when the values set none, the chart's default, which routes everything to a receiver with no
 * integration): an alert routed there fires, shows in the Alertmanager UI, and reaches nobody.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { valueAt } from '../layers/chart-releases.js';
import type { Layers } from '../layers/layers.js';
import { describeManifest, type Json } from '../layers/rendered-manifests.js';

/** kube-prometheus-stack's own `alertmanager.config` (values.yaml at the pinned 87.x): everything to 'null'. */
export const CHART_DEFAULT_ALERTMANAGER_CONFIG = {
  route: {
    group_by: ['namespace'],
    receiver: 'null',
    routes: [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }],
  },
  receivers: [{ name: 'null' }],
};

/** Alerts of the chart's default rules, one per kind of routing they need. */
export const CHART_DEFAULT_ALERTS = [
  { alertname: 'Watchdog', severity: 'none' },
  { alertname: 'InfoInhibitor', severity: 'none' },
  { alertname: 'KubeAPIDown', severity: 'critical' },
  { alertname: 'KubePodCrashLooping', severity: 'warning' },
  { alertname: 'CPUThrottlingHigh', severity: 'info' },
];

/** The only alerts that may reach no one, and why. */
export const SILENT_BY_DESIGN: Record<string, string> = {
  InfoInhibitor: 'exists only to mute info alerts through an inhibit rule; it carries no news of its own',
};

/** `amtool config routes test`: the receivers that an alert with these labels reaches. */
export type RouteTester = (configFile: string, labels: Record<string, string>) => string[];

function alertsOf(layers: Layers, defaultRules: boolean): { labels: Record<string, string>; from: string }[] {
  const shipped = layers.manifests
    .filter((m) => m.kind === 'PrometheusRule')
    .flatMap((m) =>
      (m.object.spec?.groups ?? []).flatMap((group: Json) =>
        (group.rules ?? [])
          .filter((rule: Json) => rule.alert)
          .map((rule: Json) => ({
            labels: { ...rule.labels, alertname: rule.alert, namespace: m.namespace ?? '' },
            from: describeManifest(m),
          })),
      ),
    );
  const chart = defaultRules
    ? CHART_DEFAULT_ALERTS.map((labels) => ({ labels, from: "kube-prometheus-stack's default rules" }))
    : [];
  return [...shipped, ...chart];
}

export function alertReceivers(layers: Layers, routesTest: RouteTester): string[] {
  const stack = layers.releases.find((r) => r.chart === 'kube-prometheus-stack');
  if (stack === undefined) return [];
  if (valueAt(stack.values, 'alertmanager.enabled') === false)
    return [
      `${layers.environment}: ${stack.application} turns Alertmanager off; every alert reaches nobody.`,
    ];
  const config = valueAt(stack.values, 'alertmanager.config') ?? CHART_DEFAULT_ALERTMANAGER_CONFIG;
  const silent = new Set(
    (config.receivers as Json[])
      .filter((r) => !Object.keys(r).some((key) => key.endsWith('_configs')))
      .map((r) => r.name),
  );
  const dir = mkdtempSync(join(tmpdir(), 'slipway-alert-receivers-'));
  try {
    const file = join(dir, 'alertmanager.yml');
    writeFileSync(file, stringify(config));
    const problems: string[] = [];
    const defaultRules = valueAt(stack.values, 'defaultRules.create') !== false;
    for (const { labels, from } of alertsOf(layers, defaultRules)) {
      const receivers = routesTest(file, labels);
      const nowhere = receivers.filter((name) => silent.has(name));
      if (nowhere.length > 0 && SILENT_BY_DESIGN[labels.alertname!] === undefined) {
        problems.push(
          `${layers.environment}: ${labels.alertname} (severity ${labels.severity ?? 'none'}, from ${from}) is routed to ${nowhere.join(', ')}, a receiver with no integration: it reaches nobody.`,
        );
      }
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
