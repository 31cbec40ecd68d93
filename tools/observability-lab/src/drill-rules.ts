/**
 * The burn-rate drill: the fast-burn alerts with windows of seconds, generated from the same SLO
 * code as the shipped rules, so injected faults fire an alert within seconds. For the integration
 * test and `npm run local -w @slipway/observability-lab -- --faults`; never shipped.
 */
import { type BurnRatePolicy, burnRateDrillRuleGroups } from '@slipway/observability';
import { stringify } from 'yaml';

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

/**
 * kube-prometheus-stack's Watchdog as its default rules define it (always firing, severity none):
 * the lab has no chart, so it loads this copy to drive the heartbeat.
 */
export function watchdogRuleFile(alertName: string): string {
  return stringify({
    groups: [
      {
        name: 'general.rules',
        rules: [
          {
            alert: alertName,
            expr: 'vector(1)',
            labels: { severity: 'none' },
            annotations: {
              summary:
                'An alert that should always be firing to certify that Alertmanager is working properly.',
            },
          },
        ],
      },
    ],
  });
}
