import { CONTAINER, HTTP_PORT, METRICS_PORT, PATHS } from '@slipway/contract';
import { waitForHttp } from '@slipway/testing';
import {
  containerLogs,
  hardenedRunOptions,
  type RunningContainer,
  removeContainer,
  runContainer,
} from '../../src/index.js';

/** A bearer token for writes: the service is started with it, as staging and production are. */
export const API_TOKEN = 'container-test-token-0123456789abcdef';

export interface ServiceContainer extends RunningContainer {
  url: string;
  metricsUrl: string;
}

/**
 * Runs the image the way the Kubernetes Deployment does (read-only root filesystem, no
 * capabilities, no privilege escalation, the non-root user, tmpfs /tmp, memory and pid limits),
 * with `volume` as the data directory and both ports published on loopback; waits for /readyz.
 */
export async function startServiceContainer(
  image: string,
  volume: string,
  env: Record<string, string> = {},
): Promise<ServiceContainer> {
  const container = await runContainer({
    image,
    ...hardenedRunOptions(),
    volumes: [`${volume}:${CONTAINER.dataDir}`],
    ports: [HTTP_PORT, METRICS_PORT],
    env: { API_TOKENS: API_TOKEN, LOG_LEVEL: 'warn', ...env },
  });
  const url = `http://127.0.0.1:${container.ports[HTTP_PORT]}`;
  try {
    await waitForHttp(`${url}${PATHS.readiness}`, { timeoutMs: 30_000 });
  } catch (error) {
    const logs = await containerLogs(container.id);
    await removeContainer(container.id);
    throw new Error(`${(error as Error).message}\ncontainer output:\n${logs}`);
  }
  return { ...container, url, metricsUrl: `http://127.0.0.1:${container.ports[METRICS_PORT]}` };
}

export function createUserRequest(dni: string, name: string): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_TOKEN}` },
    body: JSON.stringify({ dni, name }),
  };
}
