/**
 * The shipped Alertmanager configuration under Debian's amtool and Alertmanager: it loads, every
 * severity and every alert rule reaches a receiver that tells someone, Watchdog reaches the
 * heartbeat, and the inhibit rules silence what they should (alerts posted straight to
 * Alertmanager's API, as Prometheus would post them).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_ENVIRONMENT_NAMES, MONITORING_SECRETS } from '@slipway/contract';
import {
  type AlertmanagerConfig,
  alertmanagerConfig,
  alertmanagerConfigYaml,
  clusterReceiverEndpoints,
  INFO_INHIBITOR_ALERT,
  isAlertingRule,
  operatorSecretsDir,
  prometheusRuleGroups,
  RECEIVERS,
  type RoutedSeverity,
  runbookUrl,
  SEVERITY_RECEIVERS,
  WATCHDOG_ALERT,
} from '@slipway/observability';
import { describeWithTool } from '@slipway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlertmanagerServer, startAlertmanager } from '../src/alertmanager-process.js';
import { checkConfig, routedReceivers } from '../src/amtool.js';
import { LAB_PATHS, labAlertmanagerConfig } from '../src/lab-alerting.js';
import { ALERTMANAGER_AND_AMTOOL } from '../src/lab-tools.js';
import { startWebhookReceiver, type WebhookReceiver } from '../src/webhook-receiver.js';

const workDir = mkdtempSync(join(tmpdir(), 'slipway-alert-routing-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** As deploy/ renders it: receiver secrets where the Prometheus Operator mounts them. */
const shipped = alertmanagerConfig(clusterReceiverEndpoints(AWS_ENVIRONMENT_NAMES.staging.clusterName));

function configFile(name: string, config: AlertmanagerConfig): string {
  const file = join(workDir, name);
  writeFileSync(file, alertmanagerConfigYaml(config));
  return file;
}

/** A receiver that has no integration delivers nowhere. */
const deliversNowhere = (config: AlertmanagerConfig, receiver: string) => {
  const found = config.receivers.find((r) => r.name === receiver);
  return Object.entries(found ?? {}).filter(([key]) => key.endsWith('_configs')).length === 0;
};

describeWithTool('the shipped Alertmanager configuration under amtool', ALERTMANAGER_AND_AMTOOL, () => {
  const file = configFile('shipped.yml', shipped);

  it('passes amtool check-config', () => {
    const result = checkConfig(file);
    expect(result.output).toContain('SUCCESS');
    expect(result.ok).toBe(true);
  });

  it.each(Object.entries(SEVERITY_RECEIVERS))('routes severity=%s to %s', (severity, receiver) => {
    expect(routedReceivers(file, { severity, namespace: 'slipway', alertname: 'Any' })).toEqual([receiver]);
    expect(deliversNowhere(shipped, receiver)).toBe(false);
  });

  it('routes an alert without a known severity to a ticket, not to nowhere', () => {
    expect(routedReceivers(file, { alertname: 'Unlabelled' })).toEqual([RECEIVERS.ticket]);
  });

  it('routes Watchdog to the heartbeat, and only InfoInhibitor to the null receiver', () => {
    expect(routedReceivers(file, { alertname: WATCHDOG_ALERT, severity: 'none' })).toEqual([
      RECEIVERS.heartbeat,
    ]);
    expect(routedReceivers(file, { alertname: INFO_INHIBITOR_ALERT, severity: 'none' })).toEqual([
      RECEIVERS.none,
    ]);
    expect(deliversNowhere(shipped, RECEIVERS.none)).toBe(true);
    const nullRoutes = shipped.route.routes?.filter((r) => r.receiver === RECEIVERS.none) ?? [];
    expect(nullRoutes.map((r) => r.matchers)).toEqual([[`alertname="${INFO_INHIBITOR_ALERT}"`]]);
  });

  it('routes every shipped alert rule by its severity to a receiver that tells someone', () => {
    const alerts = prometheusRuleGroups()
      .flatMap((g) => g.rules)
      .filter(isAlertingRule);
    expect(alerts.length).toBeGreaterThan(10);
    for (const alert of alerts) {
      const receivers = routedReceivers(file, {
        ...alert.labels,
        alertname: alert.alert,
        namespace: 'slipway',
      });
      expect(receivers, alert.alert).toEqual([SEVERITY_RECEIVERS[alert.labels.severity as RoutedSeverity]]);
      for (const receiver of receivers) expect(deliversNowhere(shipped, receiver), alert.alert).toBe(false);
    }
  });
});

describeWithTool('inhibition and delivery on a real Alertmanager', ALERTMANAGER_AND_AMTOOL, () => {
  let alertmanager: AlertmanagerServer;
  let webhook: WebhookReceiver;

  beforeAll(async () => {
    webhook = await startWebhookReceiver();
    const config = labAlertmanagerConfig({ webhookUrl: webhook.url, secretsDir: join(workDir, 'secrets') });
    alertmanager = await startAlertmanager({ configYaml: alertmanagerConfigYaml(config) });
  });
  afterAll(async () => {
    await alertmanager?.stop();
    await webhook?.close();
  });

  const alert = (alertname: string, labels: Record<string, string>) => ({
    labels: { alertname, ...labels },
    annotations: { summary: `${alertname} in a test`, runbook_url: runbookUrl(alertname) },
  });
  const stateOf = async (alertname: string) =>
    (await alertmanager.alerts()).find((a) => a.labels.alertname === alertname)?.status;

  it('lets a fast-burn page silence the slow-burn ticket of the same SLO, and posts the page', async () => {
    const namespace = 'inhibition-slo';
    await alertmanager.postAlerts([
      alert('SlipwayAvailabilityFastBurn', { severity: 'critical', slo: 'availability', namespace }),
      alert('SlipwayAvailabilitySlowBurn', { severity: 'warning', slo: 'availability', namespace }),
      // Another SLO's ticket in the same namespace is not the same incident: it still gets through.
      alert('SlipwayLatencySlowBurn', { severity: 'warning', slo: 'latency', namespace }),
    ]);
    const page = await webhook.waitFor(
      'the page',
      (r) => r.path === LAB_PATHS.alerts && JSON.stringify(r.body).includes(`${namespace}:`),
    );
    expect(JSON.stringify(page.body)).toContain('SlipwayAvailabilityFastBurn');
    const ticket = await webhook.waitFor(
      'the latency ticket',
      (r) => r.path === LAB_PATHS.chat && JSON.stringify(r.body).includes(namespace),
    );
    expect(JSON.stringify(ticket.body)).toContain('SlipwayLatencySlowBurn');
    expect(JSON.stringify(ticket.body)).not.toContain('SlipwayAvailabilitySlowBurn');
    const slowBurn = await stateOf('SlipwayAvailabilitySlowBurn');
    expect(slowBurn?.state).toBe('suppressed');
    expect(slowBurn?.inhibitedBy.length).toBe(1);
    expect((await stateOf('SlipwayLatencySlowBurn'))?.inhibitedBy).toEqual([]);
  });

  it('keeps info alerts quiet unless a worse alert fires in their namespace, and delivers InfoInhibitor nowhere', async () => {
    const namespace = 'inhibition-info';
    await alertmanager.postAlerts([
      alert(INFO_INHIBITOR_ALERT, { severity: 'none', namespace }),
      alert('SomethingInformational', { severity: 'info', namespace }),
    ]);
    await expect
      .poll(async () => (await stateOf('SomethingInformational'))?.state, { timeout: 10_000 })
      .toBe('suppressed');
    // Two group intervals later, nothing from that namespace has been delivered anywhere.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(webhook.requests.filter((r) => JSON.stringify(r.body).includes(namespace))).toEqual([]);
  });
});

describe('the shipped Alertmanager configuration', () => {
  it('reads every receiver credential from a file and puts no secret in a URL', () => {
    const yaml = alertmanagerConfigYaml(shipped);
    for (const receiver of shipped.receivers.filter((r) => r.name !== RECEIVERS.none)) {
      const text = JSON.stringify(receiver);
      expect(text, receiver.name).toContain(
        `_file":"${operatorSecretsDir(MONITORING_SECRETS.alertmanagerReceivers)}/`,
      );
    }
    expect(yaml).not.toMatch(/hooks\.slack\.com|api_key:|routing_key:|\bcredentials:/);
  });
});
