/**
 * Debian's Prometheus on a free loopback port, run with the generated configuration folder (the
 * rule file next to it), for the checks that need a real scraper and rule evaluator.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, waitForHttp } from '@slipway/testing';

export async function startLocalPrometheus(configDir: string, dataDir: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${join(configDir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const errors: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => errors.push(chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitForHttp(`${url}/-/ready`, { timeoutMs: 20_000 });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${errors.join('')}`);
  }
  return { url, stop };
}
