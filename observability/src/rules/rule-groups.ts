/**
 * The rule groups that ship: SLO recording rules, burn-rate alerts and cause alerts. The same
 * generators, given short windows, make the drill variant the integration test runs.
 */

import { SERVICE_NAME } from '@slipway/contract';
import type { RuleGroup } from '../rule-model/rule-types.js';
import { SCRAPE_JOB } from '../series/scrape-target.js';
import { BURN_RATE_POLICIES, type BurnRatePolicy, windowsOf } from '../slo/burn-rate-policies.js';
import { errorBudgetRules, errorRatioRules, sloAlertRules } from '../slo/slo-rules.js';
import { SLOS } from '../slo/slos.js';
import { causeAlertRules } from './cause-alerts.js';

export interface RuleGroupOptions {
  /** The `job` label of the service's series (default: SCRAPE_JOB). */
  job?: string;
}

/** PrometheusRule `spec.groups` (and the plain rule file's `groups`) for the service. */
export function prometheusRuleGroups(options: RuleGroupOptions = {}): RuleGroup[] {
  const job = options.job ?? SCRAPE_JOB;
  const windows = windowsOf(BURN_RATE_POLICIES);
  return [
    {
      name: `${SERVICE_NAME}-slo-recording`,
      rules: SLOS.flatMap((slo) => [
        ...errorRatioRules(slo, job, windows),
        ...errorBudgetRules(slo, job, windows[0]!),
      ]),
    },
    {
      name: `${SERVICE_NAME}-slo-alerts`,
      rules: SLOS.flatMap((slo) => sloAlertRules(slo, BURN_RATE_POLICIES)),
    },
    { name: `${SERVICE_NAME}-cause-alerts`, rules: causeAlertRules(job) },
  ];
}

export interface BurnRateDrillOptions {
  job?: string;
  /** Burn-rate policies with short windows and `for`, e.g. seconds instead of hours. */
  policies: readonly BurnRatePolicy[];
  /** Evaluation interval of the group, e.g. `1s`. */
  interval: string;
  /** Labels that tell the drill's alerts apart from the shipped ones loaded alongside. */
  alertLabels: Record<string, string>;
}

/**
 * Only the window ratios and burn-rate alerts, from the same SLO code, for an alert drill that
 * must fire and resolve within a minute. Never shipped: the real windows are hours and days.
 */
export function burnRateDrillRuleGroups(options: BurnRateDrillOptions): RuleGroup[] {
  const job = options.job ?? SCRAPE_JOB;
  const windows = windowsOf(options.policies);
  return [
    {
      name: `${SERVICE_NAME}-slo-burn-rate-drill`,
      interval: options.interval,
      rules: SLOS.flatMap((slo) => [
        ...errorRatioRules(slo, job, windows),
        ...sloAlertRules(slo, options.policies, options.alertLabels),
      ]),
    },
  ];
}
