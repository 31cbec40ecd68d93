import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConfigName, PATHS } from '@slipway/contract';
import { freePort, loopbackServiceEnv } from '@slipway/testing';
import { onCpus } from '../host/cpu-pinning.js';
import { startWatched, stopWatched, type WatchedProcess } from './child-process.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const serviceDir = join(repositoryRoot, 'service');
const bundle = join(serviceDir, 'dist/server.js');

/** Settings by their names in the configuration schema, so a misspelled name fails the typecheck. */
export type ServiceSettings = Partial<Record<ConfigName, string>>;

/**
 * Builds the bundle the image runs (`service/dist/server.js`, one esbuild file) from the current
 * source, so the campaign always exercises the code under test.
 */
export function buildServiceBundle(): string {
  execFileSync('npm', ['run', 'build', '-w', '@slipway/service'], { cwd: repositoryRoot, stdio: 'ignore' });
  if (!existsSync(bundle)) throw new Error(`the service build wrote no ${bundle}`);
  return bundle;
}

export interface ServiceInstance {
  name: string;
  port: number;
  url: string;
  metricsUrl: string;
  process: WatchedProcess;
  /** Resident memory in MiB, from /proc. */
  residentMemoryMb(): number;
}

/**
 * The heap a production container gives Node: it sizes its heap from the pod's memory limit
 * (384Mi in production). On a host without that limit V8 grows its heap lazily and RSS wanders by
 * ±40 % over minutes with no leak behind it; bounded like this, RSS is what the pod would see.
 */
const CONTAINER_HEAP = '--max-old-space-size=192 --max-semi-space-size=8';

let counter = 0;

/** Starts one instance of the bundle, as the image runs it (`node dist/server.js`), on `cpus`. */
export async function startInstance(settings: ServiceSettings, cpus: string): Promise<ServiceInstance> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const name = `s${++counter}`;
  const [command, args] = onCpus(cpus, process.execPath, [bundle]);
  const instance = startWatched(name, command, args, {
    cwd: serviceDir,
    env: { ...loopbackServiceEnv(port, metricsPort), ...settings, NODE_OPTIONS: CONTAINER_HEAP },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(instance, `${url}${PATHS.readiness}`);
  return {
    name,
    port,
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort}`,
    process: instance,
    residentMemoryMb() {
      const status = readFileSync(`/proc/${instance.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
  };
}

async function waitUntilReady(instance: WatchedProcess, readyUrl: string, timeoutMs = 30_000) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (!instance.isRunning()) {
      throw new Error(
        `${instance.name} exited before it was ready:\n${instance.output.slice(-20).join('\n')}`,
      );
    }
    const status = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) })
      .then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      })
      .catch(() => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  await stopWatched(instance);
  throw new Error(
    `${instance.name} was not ready within ${timeoutMs} ms:\n${instance.output.slice(-20).join('\n')}`,
  );
}
