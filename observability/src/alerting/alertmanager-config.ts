/**
 * The Alertmanager configuration, defined once: deploy/ puts it in kube-prometheus-stack's values
 * with the receiver secrets mounted from External Secrets; the alert-delivery lab loads the same
 * configuration into a real Alertmanager with the receivers pointed at a local webhook.
 */
import { stringify } from 'yaml';
import type { AlertmanagerConfig } from './alertmanager-config-types.js';
import { type ReceiverEndpoints, receivers } from './receivers.js';
import { type AlertTimings, INHIBIT_RULES, PRODUCTION_TIMINGS, routingTree } from './routing-tree.js';

export interface AlertmanagerConfigOptions extends ReceiverEndpoints {
  /** PRODUCTION_TIMINGS unless a drill needs seconds instead of minutes. */
  timings?: AlertTimings;
}

export function alertmanagerConfig(options: AlertmanagerConfigOptions): AlertmanagerConfig {
  return {
    route: routingTree(options.timings ?? PRODUCTION_TIMINGS),
    inhibit_rules: INHIBIT_RULES,
    receivers: receivers(options),
  };
}

/** The configuration as the file Alertmanager and amtool read. */
export function alertmanagerConfigYaml(config: AlertmanagerConfig): string {
  return stringify(config, { lineWidth: 0, aliasDuplicateObjects: false });
}
