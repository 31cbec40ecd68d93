/**
 * The burn-rate drill: the fast-burn alerts with windows of seconds, generated from the same SLO
 * code as the shipped rules, so injected faults fire an alert within seconds. For the integration
 * test and `npm run local -w @slipway/observability -- --faults`; never shipped.
 */
import { burnRateDrillRuleGroups } from '../rules/rule-groups.js';
import type { BurnRatePolicy } from '../slo/burn-rate-policies.js';

export const DRILL_POLICIES: BurnRatePolicy[] = [
  {
    suffix: 'FastBurn',
    severity: 'critical',
    windows: [{ long: '20s', short: '5s', burnRate: 14.4 }],
    for: '3s',
    meaning: 'a drill',
  },
];

/** Tells the drill's alerts apart from the shipped ones loaded next to them. */
export const DRILL_LABELS = { drill: 'short-windows' };

export function drillRuleGroups(interval = '1s') {
  return burnRateDrillRuleGroups({ policies: DRILL_POLICIES, interval, alertLabels: DRILL_LABELS });
}
