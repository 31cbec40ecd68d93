/**
 * How alerts travel: by severity to a receiver, grouped per namespace, with inhibitions so that one
 * problem makes one notification. The severities are those of this repository's rules (critical,
 * warning) and of kube-prometheus-stack's default rules (critical, warning, info; none for Watchdog
 * and InfoInhibitor, which are routed by name).
 */
import type { AlertmanagerRoute, InhibitRule } from './alertmanager-config-types.js';
import { RECEIVERS, type ReceiverName } from './receivers.js';

export type RoutedSeverity = 'critical' | 'warning' | 'info';

/** Where each severity goes: critical pages now, warning and info become tickets. */
export const SEVERITY_RECEIVERS: Record<RoutedSeverity, ReceiverName> = {
  critical: RECEIVERS.page,
  warning: RECEIVERS.ticket,
  info: RECEIVERS.ticket,
};

/** kube-prometheus-stack's always-firing alert, the heartbeat's source. */
export const WATCHDOG_ALERT = 'Watchdog';
/** kube-prometheus-stack's alert that exists only to mute info alerts (through an inhibit rule). */
export const INFO_INHIBITOR_ALERT = 'InfoInhibitor';

export interface AlertTimings {
  /** Wait for more alerts of a new group before the first notification. */
  groupWait: string;
  /** Wait before notifying about changes (new or resolved alerts) in a group. */
  groupInterval: string;
  /** Re-send a page that is still firing (the paging tool de-duplicates by group). */
  pageRepeatInterval: string;
  /** Re-post a ticket that is still firing. */
  ticketRepeatInterval: string;
  /** Ping interval of the heartbeat: the paging tool alerts after a few missed pings. */
  heartbeatInterval: string;
}

export const PRODUCTION_TIMINGS: AlertTimings = {
  groupWait: '30s',
  groupInterval: '5m',
  pageRepeatInterval: '4h',
  ticketRepeatInterval: '24h',
  heartbeatInterval: '1m',
};

/** Alerts of one namespace become one notification (the chart's default grouping). */
export const GROUP_BY = ['namespace'];

export function routingTree(timings: AlertTimings): AlertmanagerRoute {
  const bySeverity = (severity: RoutedSeverity): AlertmanagerRoute => ({
    matchers: [`severity="${severity}"`],
    receiver: SEVERITY_RECEIVERS[severity],
    repeat_interval:
      SEVERITY_RECEIVERS[severity] === RECEIVERS.page
        ? timings.pageRepeatInterval
        : timings.ticketRepeatInterval,
  });
  return {
    // Anything without a known severity still reaches a person, as a ticket.
    receiver: RECEIVERS.ticket,
    group_by: GROUP_BY,
    group_wait: timings.groupWait,
    group_interval: timings.groupInterval,
    repeat_interval: timings.ticketRepeatInterval,
    routes: [
      {
        matchers: [`alertname="${WATCHDOG_ALERT}"`],
        receiver: RECEIVERS.heartbeat,
        group_wait: '0s',
        group_interval: timings.heartbeatInterval,
        repeat_interval: timings.heartbeatInterval,
      },
      // The one null route: InfoInhibitor carries no news; its only job is the inhibit rule below.
      { matchers: [`alertname="${INFO_INHIBITOR_ALERT}"`], receiver: RECEIVERS.none },
      bySeverity('critical'),
      bySeverity('warning'),
      bySeverity('info'),
    ],
  };
}

export const INHIBIT_RULES: InhibitRule[] = [
  // A fast burn (page) silences the slow burn (ticket) of the same SLO: same incident, already paged.
  {
    source_matchers: ['severity="critical"', 'slo=~".+"'],
    target_matchers: ['severity="warning"', 'slo=~".+"'],
    equal: ['namespace', 'slo'],
  },
  // The same alert at a lower severity adds nothing while the higher one fires.
  {
    source_matchers: ['severity="critical"'],
    target_matchers: ['severity=~"warning|info"'],
    equal: ['namespace', 'alertname'],
  },
  {
    source_matchers: ['severity="warning"'],
    target_matchers: ['severity="info"'],
    equal: ['namespace', 'alertname'],
  },
  // Info alerts only matter next to a warning or critical one in the same namespace.
  {
    source_matchers: [`alertname="${INFO_INHIBITOR_ALERT}"`],
    target_matchers: ['severity="info"'],
    equal: ['namespace'],
  },
];
