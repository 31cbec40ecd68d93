/**
 * Debian's Alertmanager (`prometheus-alertmanager`) on a free loopback port, clustering off, with
 * a temporary configuration and storage, for tests that need real routing, grouping, inhibition
 * and delivery.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForHttp } from '@slipway/testing';

export const ALERTMANAGER_BINARY = 'prometheus-alertmanager';

/** An alert as Alertmanager's API v2 takes it (what Prometheus posts). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
}

/** An alert as Alertmanager's API v2 returns it. */
export interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  receivers: { name: string }[];
  status: { state: 'active' | 'suppressed' | 'unprocessed'; inhibitedBy: string[]; silencedBy: string[] };
}

export interface AlertmanagerServer {
  url: string;
  /** `host:port`, for Prometheus' `alerting.alertmanagers` targets. */
  target: string;
  postAlerts(alerts: PostableAlert[]): Promise<void>;
  alerts(): Promise<GettableAlert[]>;
  output: string[];
  stop(): Promise<void>;
}

export async function startAlertmanager(options: { configYaml: string }): Promise<AlertmanagerServer> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-alertmanager-'));
  const configFile = join(dir, 'alertmanager.yml');
  writeFileSync(configFile, options.configYaml);
  const port = await freePort();
  const target = `127.0.0.1:${port}`;
  const url = `http://${target}`;
  const child: ChildProcess = spawn(
    ALERTMANAGER_BINARY,
    [
      `--config.file=${configFile}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=${target}`,
      // Empty turns clustering (gossip on :9094) off: one instance, nothing else to reach.
      '--cluster.listen-address=',
      '--log.level=warn',
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
        throw new Error(`alertmanager exited before it was ready:\n${output.join('\n')}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    target,
    output,
    stop,
    async postAlerts(alerts) {
      const response = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!response.ok)
        throw new Error(`Alertmanager refused the alerts: ${response.status} ${await response.text()}`);
    },
    async alerts() {
      const response = await fetch(`${url}/api/v2/alerts`);
      if (!response.ok) throw new Error(`Alertmanager /api/v2/alerts: ${response.status}`);
      return (await response.json()) as GettableAlert[];
    },
  };
}
