/**
 * The rules, dashboards and alert delivery against real parts: Debian's Prometheus scrapes the
 * real service (on a real PostgreSQL) while faults are injected, then after it restarts without
 * them, and sends its alerts to Debian's Alertmanager, which delivers them through the shipped
 * Alertmanager configuration to a local webhook standing in for the paging tool, the chat channel
 * and the heartbeat. The shipped rules are loaded as they are; a drill variant of the burn-rate
 * alerts, generated from the same SLO code with second-long windows, and drill timings in
 * Alertmanager show them fire, page and resolve within a minute or two.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRIC_LABELS as L, METRICS, NAMESPACES, PATHS } from '@slipway/contract';
import {
  alertmanagerConfigYaml,
  renderRuleFile,
  ruleFileYaml,
  runbookUrl,
  SCRAPE_JOB,
  SLO_SERIES,
  DASHBOARD_VARIABLES as VARIABLES,
  WATCHDOG_ALERT,
} from '@slipway/observability';
import {
  describeWithTool,
  freePort,
  type PostgresServer,
  type ServiceProcess,
  startPostgres,
  startServiceProcess,
} from '@slipway/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AlertmanagerServer, startAlertmanager } from '../src/alertmanager-process.js';
import { DRILL_LABELS, drillRuleGroups, watchdogRuleFile } from '../src/drill-rules.js';
import { LAB_CREDENTIALS, LAB_HEARTBEAT, LAB_PATHS, labAlertmanagerConfig } from '../src/lab-alerting.js';
import { PROMETHEUS_AND_ALERTMANAGER } from '../src/lab-tools.js';
import { type PrometheusServer, startPrometheus } from '../src/prometheus-process.js';
import { type ReceivedRequest, startWebhookReceiver, type WebhookReceiver } from '../src/webhook-receiver.js';
import { driveApiTraffic, type Traffic } from './support/api-traffic.js';
import { dashboardQueries, substituteVariables } from './support/dashboard-queries.js';
import { startFakeKubeStateMetrics } from './support/fake-kube-state-metrics.js';

/** Each step waits on scrapes and evaluations; a busy CI machine gets room. */
const SLOW_TEST_MS = 90_000;
const FAST_BURN = 'SlipwayAvailabilityFastBurn';
const LATENCY_FAST_BURN = 'SlipwayLatencyFastBurn';

const namespace = NAMESPACES.service;
const FAULTS = { FAULT_INJECTION_ENABLED: 'true', FAULT_ERROR_RATE: '0.5', FAULT_DELAY_MS: '350' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const startedAt = Date.now();
const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

/** An Opsgenie "create alert" request, as Alertmanager's opsgenie integration sends it. */
interface OpsgenieAlert {
  alias: string;
  message: string;
  description: string;
  priority: string;
  details: Record<string, string>;
}

const pages = (webhook: WebhookReceiver) =>
  webhook.requests.filter((r) => r.method === 'POST' && r.path === LAB_PATHS.alerts);
const pageBody = (request: ReceivedRequest) => request.body as OpsgenieAlert;

describeWithTool(
  'the rules, dashboards and alert delivery on a real Prometheus and Alertmanager, with the real service',
  PROMETHEUS_AND_ALERTMANAGER,
  () => {
    let postgres: PostgresServer;
    let prometheus: PrometheusServer;
    let alertmanager: AlertmanagerServer;
    let webhook: WebhookReceiver;
    let secretsDir: string;
    let kubeStateMetrics: Awaited<ReturnType<typeof startFakeKubeStateMetrics>>;
    let service: ServiceProcess;
    let traffic: Traffic | undefined;
    let serviceEnv: Record<string, string>;

    const alertStates = async (alertname: string) =>
      (await prometheus.query(`ALERTS{alertname="${alertname}", drill="${DRILL_LABELS.drill}"}`)).map(
        (sample) => sample.metric.alertstate ?? '',
      );

    beforeAll(async () => {
      postgres = await startPostgres();
      const [port, metricsPort] = [await freePort(), await freePort()];
      serviceEnv = {
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        DATABASE_URL: await postgres.createDatabase('observability'),
        RATE_LIMIT_MAX: '0',
        SHUTDOWN_DRAIN_SECONDS: '0',
        LOG_LEVEL: 'warn',
      };
      kubeStateMetrics = await startFakeKubeStateMetrics(namespace);
      webhook = await startWebhookReceiver();
      secretsDir = mkdtempSync(join(tmpdir(), 'slipway-receivers-'));
      // The shipped Alertmanager configuration; its receivers' secrets and URLs lead to the webhook.
      alertmanager = await startAlertmanager({
        configYaml: alertmanagerConfigYaml(labAlertmanagerConfig({ webhookUrl: webhook.url, secretsDir })),
      });
      prometheus = await startPrometheus({
        interval: '1s',
        alertmanagers: [alertmanager.target],
        ruleFiles: {
          'shipped-rules.yml': renderRuleFile(),
          // TEST ONLY: the fast-burn alerts with windows of seconds, from the same SLO code.
          'drill-rules.yml': ruleFileYaml(drillRuleGroups()),
          // kube-prometheus-stack's Watchdog, which a cluster gets from the chart.
          'watchdog.yml': watchdogRuleFile(WATCHDOG_ALERT),
        },
        scrapeConfigs: [
          {
            // What the ServiceMonitor yields in a cluster: job = the Service's name, plus its namespace.
            job_name: SCRAPE_JOB,
            metrics_path: PATHS.metrics,
            static_configs: [{ targets: [`127.0.0.1:${metricsPort}`], labels: { namespace } }],
          },
          {
            job_name: 'kube-state-metrics',
            honor_labels: true,
            static_configs: [{ targets: [kubeStateMetrics.target] }],
          },
        ],
      });
      service = await startServiceProcess({ ...serviceEnv, ...FAULTS });
      traffic = driveApiTraffic(service.url);
    });

    afterAll(async () => {
      await traffic?.stop();
      await service?.stop();
      await prometheus?.stop();
      await alertmanager?.stop();
      await webhook?.close();
      await kubeStateMetrics?.close();
      await postgres?.stop();
      if (secretsDir) rmSync(secretsDir, { recursive: true, force: true });
    });

    it('scrapes the service: its target is up', { timeout: SLOW_TEST_MS }, async () => {
      const up = await until('the service target to be up', async () => {
        const [sample] = await prometheus.query(`up{job="${SCRAPE_JOB}"}`);
        return sample?.value[1] === '1' ? sample : undefined;
      });
      expect(up.metric).toMatchObject({ job: SCRAPE_JOB, namespace });
      // The fake kube-state-metrics target too (a target is "unknown" until its first scrape).
      const targets = await until('every target to be scraped', async () => {
        const all = await prometheus.targets();
        return all.every((t) => t.health !== 'unknown') ? all : undefined;
      });
      expect(targets.filter((t) => t.health !== 'up')).toEqual([]);
    });

    it("finds the contract's metrics with their labels: route templates, status codes, buckets, database, pool", {
      timeout: SLOW_TEST_MS,
    }, async () => {
      /** Waits until the label takes every expected value (traffic takes a few scrapes to show). */
      const labelValues = async (expr: string, label: string, expected: string[]) => {
        let seen: string[] = [];
        try {
          return await until(`${expr} to have ${label} values ${expected.join(', ')}`, async () => {
            const samples = await prometheus.query(expr);
            seen = [...new Set(samples.flatMap((s) => s.metric[label] ?? []))].sort();
            return expected.every((value) => seen.includes(value)) ? seen : undefined;
          });
        } catch (error) {
          throw new Error(`${(error as Error).message}; last seen: ${seen.join(', ') || 'nothing'}`);
        }
      };
      const requests = `${METRICS.httpRequestsTotal}{job="${SCRAPE_JOB}"}`;

      const routes = await labelValues(requests, L.route, [PATHS.users, `${PATHS.users}/:id`]);
      expect(
        routes.filter((r) => /[0-9a-f]{8}-/.test(r)),
        'raw ids in the route label',
      ).toEqual([]);
      await labelValues(requests, L.statusCode, ['200', '201', '404', '409', '500']);
      await labelValues(requests, L.method, ['GET', 'POST']);
      await labelValues(`${METRICS.httpRequestDuration}_bucket{job="${SCRAPE_JOB}"}`, 'le', ['0.3', '+Inf']);
      await labelValues(`${METRICS.dbQueryDuration}_count{job="${SCRAPE_JOB}"}`, L.operation, [
        'insert',
        'select',
      ]);
      await labelValues(`${METRICS.dbQueryDuration}_count{job="${SCRAPE_JOB}"}`, L.outcome, ['success']);
      await labelValues(`${METRICS.dbErrorsTotal}{job="${SCRAPE_JOB}"}`, L.reason, ['constraint']);
      await labelValues(`${METRICS.dbPoolConnections}{job="${SCRAPE_JOB}"}`, L.state, [
        'idle',
        'total',
        'waiting',
      ]);
      await labelValues(`${METRICS.buildInfo}{job="${SCRAPE_JOB}"}`, 'node_version', [process.version]);
    });

    it('evaluates the shipped recording rules into SLO series', { timeout: SLOW_TEST_MS }, async () => {
      for (const series of [
        SLO_SERIES.errorRatio('5m'),
        SLO_SERIES.errorRatio('3d'),
        SLO_SERIES.budgetRemaining,
      ]) {
        // NaN (0/0) until two scrapes with API requests are in; then a number.
        const sample = await until(`a number for ${series} of availability`, async () => {
          const samples = await prometheus.query(`${series}{slo="availability", job="${SCRAPE_JOB}"}`);
          return samples.find((s) => Number.isFinite(Number(s.value[1])));
        });
        expect(sample.metric).toMatchObject({ namespace, job: SCRAPE_JOB, slo: 'availability' });
      }
      // Half the API requests fail (some requests, such as 404s of missing users, are spared).
      await until('the 5m availability error ratio to exceed 10 %', async () => {
        const [ratio] = await prometheus.query(`${SLO_SERIES.errorRatio('5m')}{slo="availability"} > 0.1`);
        return ratio;
      });
    });

    it('fires the fast-burn availability and latency alerts (pending, then firing) while faults are on', {
      timeout: SLOW_TEST_MS,
    }, async () => {
      await until(`${FAST_BURN} to fire`, async () =>
        (await alertStates(FAST_BURN)).includes('firing') ? true : undefined,
      );
      console.log(`${FAST_BURN} (drill windows) firing at ${elapsed()} after the test started`);
      // Prometheus keeps the ALERTS series of every state: it was pending (for: 3s) before firing.
      const pending = await prometheus.query(
        `count_over_time(ALERTS{alertname="${FAST_BURN}", drill="${DRILL_LABELS.drill}", alertstate="pending"}[5m])`,
      );
      expect(pending.length, `${FAST_BURN} was never pending`).toBe(1);
      await until(`${LATENCY_FAST_BURN} to fire`, async () =>
        (await alertStates(LATENCY_FAST_BURN)).includes('firing') ? true : undefined,
      );
    });

    it('pages through Alertmanager: one notification for the namespace, with the runbook, never as a ticket', {
      timeout: SLOW_TEST_MS,
    }, async () => {
      const first = await webhook.waitFor(
        `a page for ${FAST_BURN}`,
        (r) => pages(webhook).includes(r) && pageBody(r).message.includes(FAST_BURN),
        60_000,
      );
      console.log(`${FAST_BURN} paged at ${elapsed()}`);
      const page = pageBody(first);
      // The credential came from the secret file, and the page has the paging priority.
      expect(first.headers.authorization).toBe(`GenieKey ${LAB_CREDENTIALS.pageApiKey}`);
      expect(page.priority).toBe('P1');
      expect(page.message.startsWith(`${namespace}: `), page.message).toBe(true);
      expect(page.description).toContain(`Runbook: ${runbookUrl(FAST_BURN)}`);
      expect(page.details.runbooks).toContain(runbookUrl(FAST_BURN));

      // Grouped by namespace: the latency fast burn joins the same group, so the paging tool gets
      // it under the same alias (one alert there, not two).
      const both = await webhook.waitFor(
        `one group holding ${FAST_BURN} and ${LATENCY_FAST_BURN}`,
        (r) =>
          pages(webhook).includes(r) &&
          pageBody(r).alias === page.alias &&
          pageBody(r).description.includes(LATENCY_FAST_BURN),
        60_000,
      );
      expect(pageBody(both).description).toContain(FAST_BURN);
      expect(new Set(pages(webhook).map((r) => pageBody(r).alias))).toEqual(new Set([page.alias]));
      const tickets = webhook.requests.filter((r) => r.path === LAB_PATHS.chat);
      expect(tickets.filter((r) => JSON.stringify(r.body).includes('FastBurn'))).toEqual([]);
    });

    it("pings the heartbeat while Watchdog fires (the dead man's switch)", {
      timeout: SLOW_TEST_MS,
    }, async () => {
      const path = LAB_PATHS.heartbeat(LAB_HEARTBEAT);
      const pings = () => webhook.requests.filter((r) => r.path === path);
      await webhook.waitFor('a second heartbeat ping', () => pings().length >= 2, 30_000);
      for (const ping of pings()) {
        expect(ping.method).toBe('POST');
        expect(ping.headers.authorization).toBe(`GenieKey ${LAB_CREDENTIALS.heartbeatApiKey}`);
      }
    });

    it('resolves the alert once the service runs without faults', { timeout: SLOW_TEST_MS }, async () => {
      const statuses = await traffic?.stop();
      console.log(`responses while faults were on: ${JSON.stringify(statuses)}`);
      await service.stop();
      // Same ports: Prometheus keeps scraping the same target, as after a rollout in a cluster.
      service = await startServiceProcess(serviceEnv);
      traffic = driveApiTraffic(service.url);
      await until(
        `${FAST_BURN} to resolve`,
        async () => ((await alertStates(FAST_BURN)).length === 0 ? true : undefined),
        45_000,
      );
      console.log(`${FAST_BURN} resolved at ${elapsed()}`);
    });

    it('closes the page once every alert of the group has resolved', { timeout: 120_000 }, async () => {
      const alias = pageBody(pages(webhook)[0]!).alias;
      const close = await webhook.waitFor(
        'the paging tool to be told the group resolved',
        (r) => r.method === 'POST' && r.path === `${LAB_PATHS.alerts}/${alias}/close?identifierType=alias`,
        90_000,
      );
      console.log(`page closed at ${elapsed()}`);
      expect(close.headers.authorization).toBe(`GenieKey ${LAB_CREDENTIALS.pageApiKey}`);
    });

    it('has data for every PromQL expression of every dashboard panel', {
      timeout: SLOW_TEST_MS,
    }, async () => {
      const variables = {
        [VARIABLES.namespace]: namespace,
        // Wide enough to span both service processes.
        [VARIABLES.rateInterval]: '1m',
        [VARIABLES.range]: '5m',
      };
      const queries = dashboardQueries();
      expect(queries.length).toBeGreaterThan(20);
      const check = async ({ dashboard, panel, expr }: (typeof queries)[number]) => {
        const query = substituteVariables(expr, variables);
        try {
          const samples = await prometheus.query(query);
          return samples.length === 0 ? `${dashboard} / ${panel}: no data for ${query}` : undefined;
        } catch (error) {
          return `${dashboard} / ${panel}: ${(error as Error).message}`;
        }
      };
      for (const { expr } of queries) {
        expect(substituteVariables(expr, variables), 'an unknown dashboard variable').not.toMatch(/\$/);
      }
      // A parse error fails at once; a panel without data gets a few more scrapes (the traffic
      // keeps running) before it counts as a panel that can never show anything.
      let problems: string[] = [];
      for (let attempt = 0; attempt < 10; attempt++) {
        problems = (await Promise.all(queries.map(check))).filter((p): p is string => p !== undefined);
        if (problems.length === 0 || problems.some((p) => !p.includes(': no data for '))) break;
        await sleep(1000);
      }
      expect(problems).toEqual([]);
    });
  },
);
