/**
 * The shipped Alertmanager configuration (observability's alertmanagerConfig), with its receivers
 * pointed at a local webhook: the secret files hold test credentials and the webhook's URL, the
 * paging API URL is the webhook's. Only the timings differ from production, like the drill rules'
 * windows: seconds instead of minutes, so grouping, repeats and resolution show within a test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALERTING_SECRET_KEYS } from '@slipway/contract';
import { type AlertmanagerConfig, type AlertTimings, alertmanagerConfig } from '@slipway/observability';

export const DRILL_TIMINGS: AlertTimings = {
  groupWait: '3s',
  groupInterval: '2s',
  pageRepeatInterval: '1h',
  ticketRepeatInterval: '1h',
  heartbeatInterval: '2s',
};

/** Where the lab's receivers deliver, below the webhook receiver's URL. */
export const LAB_PATHS = {
  pagingApi: '/opsgenie/',
  alerts: '/opsgenie/v2/alerts',
  chat: '/chat',
  heartbeat: (name: string) => `/opsgenie/v2/heartbeats/${name}/ping`,
} as const;

export const LAB_HEARTBEAT = 'slipway-lab';

/** Test credentials written to the secret files; a request carrying them came through the files. */
export const LAB_CREDENTIALS = { pageApiKey: 'lab-page-key', heartbeatApiKey: 'lab-heartbeat-key' } as const;

export function labAlertmanagerConfig(options: {
  webhookUrl: string;
  secretsDir: string;
  timings?: AlertTimings;
}): AlertmanagerConfig {
  mkdirSync(options.secretsDir, { recursive: true });
  const secrets = {
    [ALERTING_SECRET_KEYS.pageApiKey]: LAB_CREDENTIALS.pageApiKey,
    [ALERTING_SECRET_KEYS.ticketWebhookUrl]: `${options.webhookUrl}${LAB_PATHS.chat}`,
    [ALERTING_SECRET_KEYS.heartbeatApiKey]: LAB_CREDENTIALS.heartbeatApiKey,
  };
  for (const [key, value] of Object.entries(secrets)) writeFileSync(join(options.secretsDir, key), value);
  return alertmanagerConfig({
    secretsDir: options.secretsDir,
    pagingApiUrl: `${options.webhookUrl}${LAB_PATHS.pagingApi}`,
    heartbeatName: LAB_HEARTBEAT,
    timings: options.timings ?? DRILL_TIMINGS,
  });
}
