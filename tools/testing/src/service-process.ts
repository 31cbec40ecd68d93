import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PATHS } from '@slipway/contract';
import { freePort, waitForHttp } from './network.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const serverEntry = join(repositoryRoot, 'service/src/server.ts');

export interface ServiceProcess {
  /** Base URL of the public API, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Base URL of the metrics server. */
  metricsUrl: string;
  child: ChildProcess;
  /** Every line the process wrote to stdout and stderr so far. */
  output: string[];
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** SIGTERM, wait for exit, remove the temporary data folder. */
  stop(): Promise<number | null>;
}

/** The environment that makes the service listen on loopback only, on the given ports. */
export function loopbackServiceEnv(port: number, metricsPort: number): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOST: '127.0.0.1',
    METRICS_HOST: '127.0.0.1',
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
  };
}

/**
 * Starts the real service (`service/src/server.ts`) as a child process on free loopback ports,
 * with a throwaway SQLite folder unless `env` sets DATABASE_URL, and waits until /readyz is 200.
 */
export async function startServiceProcess(env: Record<string, string> = {}): Promise<ServiceProcess> {
  // `env` may fix the ports, e.g. to restart the service on the same scrape target.
  const port = env.PORT === undefined ? await freePort() : Number(env.PORT);
  const metricsPort = env.METRICS_PORT === undefined ? await freePort() : Number(env.METRICS_PORT);
  const dataDir = mkdtempSync(join(tmpdir(), 'slipway-service-'));
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    cwd: repositoryRoot,
    env: {
      ...loopbackServiceEnv(port, metricsPort),
      SQLITE_PATH: join(dataDir, 'slipway.db'),
      LOG_LEVEL: 'info',
      // A busy test machine can stall the event loop for a moment and trip load shedding, which
      // would make unrelated tests flaky; suites that test shedding set it explicitly.
      LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => output.push(...chunk.split('\n').filter(Boolean)));
  }
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const code = await exited;
    rmSync(dataDir, { recursive: true, force: true });
    return code;
  };
  try {
    await Promise.race([
      waitForHttp(`${url}${PATHS.readiness}`, { timeoutMs: 30_000 }),
      exited.then((code) => {
        throw new Error(`service exited with code ${code} before it was ready:\n${output.join('\n')}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, metricsUrl: `http://127.0.0.1:${metricsPort}`, child, output, exited, stop };
}
