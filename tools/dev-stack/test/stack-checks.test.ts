/**
 * `npm run dev:stack`'s end-to-end checks, run here against the real service and a real Prometheus
 * loaded with the generated configuration and rules, with a fake Grafana/Tempo (neither can run on
 * these machines; the hosted dev-stack workflow runs the real ones). The checks must pass on a
 * working stack and fail, within their time bounds, on a broken one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeWithTool,
  freePort,
  type ServiceProcess,
  startServiceProcess,
  toolAvailable,
} from '@slipway/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CHECK_TIMEOUTS_MS, type CheckResult, checkStack } from '../src/stack-checks.js';
import { writeStackFiles } from '../src/stack-files/write-stack-files.js';
import { startFakeGrafana } from './support/fake-grafana.js';
import { startLocalPrometheus } from './support/local-prometheus.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-stack-checks-'));
const SHORT = { service: 20_000, scrape: 20_000, rules: 10_000, dashboards: 5_000, trace: 20_000 };

/** The generated prometheus.yml, on loopback: the compose host name becomes 127.0.0.1:<port>, 1 s intervals. */
function loopbackPrometheusConfig(configDir: string, metricsPort: number): void {
  const path = join(configDir, 'prometheus.yml');
  const config = parse(readFileSync(path, 'utf8')) as {
    global: Record<string, string>;
    scrape_configs: { static_configs: { targets: string[] }[] }[];
  };
  config.global = { scrape_interval: '1s', evaluation_interval: '1s' };
  config.scrape_configs = config.scrape_configs.slice(0, 1);
  config.scrape_configs[0]!.static_configs[0]!.targets = [`127.0.0.1:${metricsPort}`];
  writeFileSync(path, stringify(config));
}

describeWithTool(
  'the dev:stack end-to-end checks (real service and Prometheus, fake Grafana/Tempo)',
  {
    available: toolAvailable('prometheus', ['--version']),
    reason: 'prometheus is not installed (apt-get install prometheus)',
  },
  () => {
    let grafana: Awaited<ReturnType<typeof startFakeGrafana>>;
    let service: ServiceProcess;
    let prometheus: Awaited<ReturnType<typeof startLocalPrometheus>>;

    beforeAll(async () => {
      writeStackFiles(join(dir, 'stack'), {});
      grafana = await startFakeGrafana(join(dir, 'stack/grafana/dashboards'));
      service = await startServiceProcess({ OTEL_EXPORTER_OTLP_ENDPOINT: grafana.url, RATE_LIMIT_MAX: '0' });
      loopbackPrometheusConfig(join(dir, 'stack/prometheus'), Number(new URL(service.metricsUrl).port));
      prometheus = await startLocalPrometheus(join(dir, 'stack/prometheus'), join(dir, 'tsdb'));
    }, 60_000);

    afterAll(async () => {
      await prometheus?.stop();
      await service?.stop();
      await grafana?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('pass on a working stack: service ready, target up, every rule group and dashboard, the trace', async () => {
      const results: CheckResult[] = [];
      await checkStack(
        { service: service.url, prometheus: prometheus.url, grafana: grafana.url, tempo: grafana.url },
        (r) => results.push(r),
        SHORT,
      );
      expect(results.map((r) => [r.name, r.ok, r.ok ? '' : r.detail])).toEqual(
        results.map((r) => [r.name, true, '']),
      );
      expect(results).toHaveLength(5);
    }, 60_000);

    it('fail when nothing answers, each within its bound', async () => {
      const closed = `http://127.0.0.1:${await freePort()}`;
      const bounds = { service: 500, scrape: 500, rules: 500, dashboards: 500, trace: 500 };
      const started = performance.now();
      const results = await checkStack(
        { service: closed, prometheus: closed, grafana: closed, tempo: closed },
        () => {},
        bounds,
      );
      expect(results.map((r) => r.ok)).toEqual([false, false, false, false, false]);
      expect(results[0]?.detail).toMatch(/not within 0\.5 s/);
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(Object.values(CHECK_TIMEOUTS_MS).every((ms) => ms >= 30_000)).toBe(true);
    }, 30_000);
  },
);
