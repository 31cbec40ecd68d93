/**
 * Recording rules and burn-rate alerts generated from the SLOs. Series names follow the
 * `level:metric:operations` convention: `slo:sli_error:ratio_rate5m{slo="availability"}`.
 */
import type { AlertingRule, RecordingRule } from '../rule-model/rule-types.js';
import { runbookUrl } from '../runbooks/runbook-links.js';
import { BY_DEPLOYMENT, selector } from '../series/scrape-target.js';
import type { BurnRatePolicy } from './burn-rate-policies.js';
import { SLI_ROUTE_MATCHER, type Slo } from './slos.js';

export const SLO_SERIES = {
  errorRatio: (window: string) => `slo:sli_error:ratio_rate${window}`,
  /** Rates over the shortest window, kept to sum up the whole period cheaply. */
  errorRate: (window: string) => `slo:sli_errors:rate${window}`,
  requestRate: (window: string) => `slo:sli_requests:rate${window}`,
  objective: 'slo:objective:ratio',
  budgetRemaining: 'slo:error_budget_remaining:ratio',
} as const;

/** Rounds away float noise such as 14.4 * 0.001 = 0.014400000000000001. */
const tidy = (value: number) => Number(value.toPrecision(6));

/** `slo:sli_error:ratio_rate<window>` for each window the burn-rate alerts read. */
export function errorRatioRules(slo: Slo, job: string, windows: readonly string[]): RecordingRule[] {
  const sli = selector(job, SLI_ROUTE_MATCHER);
  return windows.map((window) => ({
    record: SLO_SERIES.errorRatio(window),
    expr: `sum ${BY_DEPLOYMENT} (${slo.errors(sli, window)})\n/\nsum ${BY_DEPLOYMENT} (${slo.total(sli, window)})`,
    labels: { slo: slo.name },
  }));
}

/** The objective, the error ratio over the whole period and the error budget left, for dashboards. */
export function errorBudgetRules(slo: Slo, job: string, baseWindow: string): RecordingRule[] {
  const sli = selector(job, SLI_ROUTE_MATCHER);
  const labels = { slo: slo.name };
  const overPeriod = (series: string) => `sum_over_time(${series}{slo="${slo.name}"}[${slo.period}])`;
  return [
    {
      record: SLO_SERIES.errorRate(baseWindow),
      expr: `sum ${BY_DEPLOYMENT} (${slo.errors(sli, baseWindow)})`,
      labels,
    },
    {
      record: SLO_SERIES.requestRate(baseWindow),
      expr: `sum ${BY_DEPLOYMENT} (${slo.total(sli, baseWindow)})`,
      labels,
    },
    {
      // Summing the short-window rates over the period weighs every moment by its traffic and
      // costs a fraction of a raw 30-day rate() over every request series.
      record: SLO_SERIES.errorRatio(slo.period),
      expr: `${overPeriod(SLO_SERIES.errorRate(baseWindow))}\n/\n${overPeriod(SLO_SERIES.requestRate(baseWindow))}`,
      labels,
    },
    { record: SLO_SERIES.objective, expr: `vector(${slo.objective})`, labels },
    {
      record: SLO_SERIES.budgetRemaining,
      expr: `1 - ${SLO_SERIES.errorRatio(slo.period)}{slo="${slo.name}"} / ${tidy(1 - slo.objective)}`,
      labels,
    },
  ];
}

export function sloAlertRules(
  slo: Slo,
  policies: readonly BurnRatePolicy[],
  extraLabels: Record<string, string> = {},
): AlertingRule[] {
  const budget = 1 - slo.objective;
  return policies.map((policy) => {
    const alert = `${slo.alertStem}${policy.suffix}`;
    const conditions = policy.windows.map((w) => {
      const threshold = tidy(w.burnRate * budget);
      const ratio = (window: string) => `${SLO_SERIES.errorRatio(window)}{slo="${slo.name}"} > ${threshold}`;
      return `(\n  ${ratio(w.long)}\nand\n  ${ratio(w.short)}\n)`;
    });
    const windowsText = policy.windows
      .map((w) => `${w.burnRate}× over ${w.long} and ${w.short}`)
      .join(', or ');
    return {
      alert,
      expr: conditions.join('\nor\n'),
      for: policy.for,
      labels: { severity: policy.severity, slo: slo.name, ...extraLabels },
      annotations: {
        summary: `The ${slo.name} SLO's error budget is burning ${policy.suffix === 'FastBurn' ? 'fast' : 'steadily'} in {{ $labels.namespace }}.`,
        description:
          `SLO: ${slo.description} The error ratio is {{ $value | humanizePercentage }} ` +
          `(budget ${tidy(budget * 100)} %), burning ${windowsText}: at this pace ${policy.meaning} is gone.`,
        runbook_url: runbookUrl(alert),
      },
    };
  });
}
