/**
 * The Prometheus rule file shape (also PrometheusRule `spec.groups`) as plain objects, so the
 * Kubernetes manifests, the plain rule file and promtool all read the same data.
 */
export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string> & { severity: Severity };
  annotations: Record<string, string> & { summary: string; description: string; runbook_url: string };
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Rule[];
}

/** `critical` pages someone now; `warning` opens a ticket for working hours. */
export type Severity = 'critical' | 'warning';

export function isAlertingRule(rule: Rule): rule is AlertingRule {
  return 'alert' in rule;
}
