/**
 * Who hears about an alert, by receiver: `page` wakes the on-call engineer through the paging tool
 * (Opsgenie's alert API), `ticket` posts to the team's chat channel for working hours (a Slack
 * incoming webhook), `heartbeat` pings the paging tool's heartbeat every minute while Watchdog
 * fires (a dead man's switch: the paging tool alerts when the pings stop, i.e. when Prometheus or
 * Alertmanager no longer work). `null` delivers nothing, and only InfoInhibitor is routed there.
 *
 * Every credential is read from a file (the Secret External Secrets writes from Secrets Manager,
 * mounted by the Prometheus Operator): Alertmanager 0.25 reads Opsgenie API keys, Slack webhook
 * URLs and HTTP credentials from files, but a webhook URL only from 0.26 on, so no receiver here
 * puts a secret into a URL.
 */
import { ALERTING_SECRET_KEYS, MONITORING_SECRETS } from '@slipway/contract';
import type { OpsgenieConfig, Receiver, SlackConfig, WebhookConfig } from './alertmanager-config-types.js';

export const RECEIVERS = { page: 'page', ticket: 'ticket', heartbeat: 'heartbeat', none: 'null' } as const;
export type ReceiverName = (typeof RECEIVERS)[keyof typeof RECEIVERS];

/** Opsgenie's API in the US region; EU accounts use https://api.eu.opsgenie.com/. */
export const OPSGENIE_API_URL = 'https://api.opsgenie.com/';

export interface ReceiverEndpoints {
  /** Folder holding one file per ALERTING_SECRET_KEYS value. */
  secretsDir: string;
  /** Base URL of the paging tool's API, ending in `/` (OPSGENIE_API_URL unless a test points it elsewhere). */
  pagingApiUrl: string;
  /** Name of the heartbeat in the paging tool (one per environment). */
  heartbeatName: string;
}

/** Where the Prometheus Operator mounts a Secret listed in the Alertmanager's `secrets`. */
export function operatorSecretsDir(secretName: string): string {
  return `/etc/alertmanager/secrets/${secretName}`;
}

/** The receivers as a cluster's Alertmanager reaches them; the heartbeat is named after the cluster. */
export function clusterReceiverEndpoints(clusterName: string): ReceiverEndpoints {
  return {
    secretsDir: operatorSecretsDir(MONITORING_SECRETS.alertmanagerReceivers),
    pagingApiUrl: OPSGENIE_API_URL,
    heartbeatName: clusterName,
  };
}

// Alertmanager's Go templates: one line per firing alert, with what it means and its runbook.
const FIRING_LIST =
  '{{ range .Alerts.Firing }}- {{ .Labels.alertname }}: {{ .Annotations.summary }}\n' +
  '  Runbook: {{ .Annotations.runbook_url }}\n{{ end }}';
const ALERT_NAMES = '{{ range $i, $a := .Alerts }}{{ if $i }}, {{ end }}{{ $a.Labels.alertname }}{{ end }}';

function pageIntegration(endpoints: ReceiverEndpoints): OpsgenieConfig {
  return {
    api_key_file: `${endpoints.secretsDir}/${ALERTING_SECRET_KEYS.pageApiKey}`,
    api_url: endpoints.pagingApiUrl,
    // Resolving closes the Opsgenie alert (same alias: the group's key).
    send_resolved: true,
    message: `{{ .GroupLabels.namespace }}: ${ALERT_NAMES}`,
    description: FIRING_LIST,
    priority: 'P1',
    tags: '{{ .CommonLabels.severity }},{{ .GroupLabels.namespace }}',
    details: {
      runbooks: '{{ range .Alerts.Firing }}{{ .Annotations.runbook_url }} {{ end }}',
      firing: '{{ .Alerts.Firing | len }}',
    },
  };
}

function ticketIntegration(endpoints: ReceiverEndpoints): SlackConfig {
  return {
    api_url_file: `${endpoints.secretsDir}/${ALERTING_SECRET_KEYS.ticketWebhookUrl}`,
    send_resolved: true,
    title:
      '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] ' +
      `{{ .GroupLabels.namespace }}: ${ALERT_NAMES}`,
    text:
      '{{ range .Alerts }}*{{ .Labels.alertname }}* ({{ .Status }}): {{ .Annotations.summary }}\n' +
      '{{ .Annotations.description }}\n<{{ .Annotations.runbook_url }}|Runbook>\n{{ end }}',
  };
}

function heartbeatIntegration(endpoints: ReceiverEndpoints): WebhookConfig {
  return {
    url: `${endpoints.pagingApiUrl}v2/heartbeats/${endpoints.heartbeatName}/ping`,
    // A ping is all the heartbeat needs; Watchdog never resolves while things work.
    send_resolved: false,
    http_config: {
      authorization: {
        type: 'GenieKey',
        credentials_file: `${endpoints.secretsDir}/${ALERTING_SECRET_KEYS.heartbeatApiKey}`,
      },
    },
  };
}

export function receivers(endpoints: ReceiverEndpoints): Receiver[] {
  return [
    { name: RECEIVERS.page, opsgenie_configs: [pageIntegration(endpoints)] },
    { name: RECEIVERS.ticket, slack_configs: [ticketIntegration(endpoints)] },
    { name: RECEIVERS.heartbeat, webhook_configs: [heartbeatIntegration(endpoints)] },
    { name: RECEIVERS.none },
  ];
}
