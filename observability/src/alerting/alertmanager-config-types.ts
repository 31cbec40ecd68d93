/**
 * The parts of Alertmanager's configuration file this repository writes, named as in the file
 * (https://prometheus.io/docs/alerting/latest/configuration/), so the object serializes to it as is.
 */
export interface AlertmanagerRoute {
  receiver?: string;
  matchers?: string[];
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  continue?: boolean;
  routes?: AlertmanagerRoute[];
}

export interface InhibitRule {
  source_matchers: string[];
  target_matchers: string[];
  equal: string[];
}

interface HttpConfig {
  authorization?: { type: string; credentials_file: string };
}

export interface OpsgenieConfig {
  api_key_file: string;
  api_url: string;
  send_resolved: boolean;
  message: string;
  description: string;
  priority: string;
  tags: string;
  details: Record<string, string>;
}

export interface SlackConfig {
  api_url_file: string;
  send_resolved: boolean;
  title: string;
  text: string;
}

export interface WebhookConfig {
  url: string;
  send_resolved: boolean;
  http_config?: HttpConfig;
}

export interface Receiver {
  name: string;
  opsgenie_configs?: OpsgenieConfig[];
  slack_configs?: SlackConfig[];
  webhook_configs?: WebhookConfig[];
}

export interface AlertmanagerConfig {
  route: AlertmanagerRoute;
  inhibit_rules: InhibitRule[];
  receivers: Receiver[];
}
