/**
 * Debian's Prometheus server on a free loopback port, with a temporary config, rule files and
 * storage, for tests that need the real query engine, scraper and rule evaluator.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForHttp } from '@slipway/testing';
import { stringify } from 'yaml';

export interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  honor_labels?: boolean;
  static_configs: { targets: string[]; labels?: Record<string, string> }[];
}

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface PrometheusServer {
  url: string;
  /** Instant query; throws with Prometheus' message when the expression does not parse. */
  query(expr: string): Promise<PromSample[]>;
  /** Health of every scrape target, by job. */
  targets(): Promise<{ job: string; health: string; lastError: string }[]>;
  output: string[];
  stop(): Promise<void>;
}

export async function startPrometheus(options: {
  /** Scrape and rule evaluation interval, e.g. `1s`. */
  interval: string;
  scrapeConfigs: ScrapeConfig[];
  /** File name → rule file YAML. */
  ruleFiles: Record<string, string>;
  /** `host:port` of Alertmanagers to send alerts to. */
  alertmanagers?: string[];
}): Promise<PrometheusServer> {
  // Prometheus drops alerts that fire before it has discovered its Alertmanagers (an alert that
  // fires on the first evaluation, like Watchdog) and resends firing alerts only every minute by
  // default; a second keeps a test from waiting that minute.
  const resendDelay = options.alertmanagers ? ['--rules.alert.resend-delay=1s'] : [];
  const dir = mkdtempSync(join(tmpdir(), 'slipway-prometheus-'));
  for (const [name, yaml] of Object.entries(options.ruleFiles)) writeFileSync(join(dir, name), yaml);
  const config = {
    global: { scrape_interval: options.interval, evaluation_interval: options.interval },
    rule_files: Object.keys(options.ruleFiles),
    scrape_configs: options.scrapeConfigs,
    ...(options.alertmanagers
      ? { alerting: { alertmanagers: [{ static_configs: [{ targets: options.alertmanagers }] }] } }
      : {}),
  };
  writeFileSync(join(dir, 'prometheus.yml'), stringify(config));

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      ...resendDelay,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => output.push(...chunk.split('\n').filter(Boolean)));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([
      waitForHttp(`${url}/-/ready`, { timeoutMs: 20_000 }),
      exited.then(() => {
        throw new Error(`prometheus exited before it was ready:\n${output.join('\n')}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}${path}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.error ?? response.status}`);
    return body.data;
  };
  return {
    url,
    output,
    stop,
    async query(expr) {
      const data = await api<{ resultType: string; result: PromSample[] }>(
        `/api/v1/query?query=${encodeURIComponent(expr)}`,
      );
      if (data.resultType !== 'vector')
        throw new Error(`expected an instant vector from ${expr}, got ${data.resultType}`);
      return data.result;
    },
    async targets() {
      const data = await api<{
        activeTargets: { labels: { job: string }; health: string; lastError: string }[];
      }>('/api/v1/targets?state=active');
      return data.activeTargets.map((t) => ({ job: t.labels.job, health: t.health, lastError: t.lastError }));
    },
  };
}
