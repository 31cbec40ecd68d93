import { AWS_ENVIRONMENT_NAMES } from '@slipway/contract';
import { describe, expect, it } from 'vitest';
import {
  type AlertmanagerRoute,
  alertmanagerConfig,
  clusterReceiverEndpoints,
  isAlertingRule,
  prometheusRuleGroups,
  RECEIVERS,
  SEVERITY_RECEIVERS,
} from '../src/index.js';

// amtool and a real Alertmanager check this configuration in tools/observability-lab; these are
// the checks that need neither.
const config = alertmanagerConfig(clusterReceiverEndpoints(AWS_ENVIRONMENT_NAMES.production.clusterName));
const routes = (route: AlertmanagerRoute): AlertmanagerRoute[] => [
  route,
  ...(route.routes ?? []).flatMap(routes),
];

describe('the Alertmanager configuration', () => {
  it('routes only to receivers it defines, and every receiver but null delivers somewhere', () => {
    const names = config.receivers.map((r) => r.name);
    for (const route of routes(config.route))
      expect(names).toContain(route.receiver ?? config.route.receiver);
    for (const receiver of config.receivers.filter((r) => r.name !== RECEIVERS.none)) {
      const integrations = Object.keys(receiver).filter((key) => key.endsWith('_configs'));
      expect(integrations.length, receiver.name).toBeGreaterThan(0);
    }
  });

  it('has a non-null receiver for the severity of every shipped alert', () => {
    const severities = new Set(
      prometheusRuleGroups()
        .flatMap((g) => g.rules)
        .filter(isAlertingRule)
        .map((a) => a.labels.severity),
    );
    for (const severity of severities) {
      expect(Object.keys(SEVERITY_RECEIVERS)).toContain(severity);
      expect(SEVERITY_RECEIVERS[severity]).not.toBe(RECEIVERS.none);
    }
  });

  it('sends resolutions to the paging tool and the chat, and names the heartbeat after the cluster', () => {
    const [page] = config.receivers.find((r) => r.name === RECEIVERS.page)?.opsgenie_configs ?? [];
    const [ticket] = config.receivers.find((r) => r.name === RECEIVERS.ticket)?.slack_configs ?? [];
    const [heartbeat] = config.receivers.find((r) => r.name === RECEIVERS.heartbeat)?.webhook_configs ?? [];
    expect(page?.send_resolved).toBe(true);
    expect(ticket?.send_resolved).toBe(true);
    expect(heartbeat?.url).toContain(`/heartbeats/${AWS_ENVIRONMENT_NAMES.production.clusterName}/ping`);
  });
});
