import { PATHS } from '@slipway/contract';
import { describeWithTool } from '@slipway/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  containerEngineTool,
  containerLogs,
  createVolume,
  ensureServiceImage,
  killContainer,
  removeContainer,
  removeVolume,
  waitForContainerExit,
} from '../src/index.js';
import { type ServiceContainer, startServiceContainer } from './support/service-container.js';

// Small bounds so the test is quick; the defaults (contract DEFAULT_DRAIN_SECONDS and
// DEFAULT_SHUTDOWN_TIMEOUT_SECONDS) behave the same, only longer.
const DRAIN_SECONDS = 2;
const SHUTDOWN_TIMEOUT_SECONDS = 8;
// A slow request, made with the service's fault injection, still running when SIGTERM arrives.
const SLOW_REQUEST_MS = 3_000;

describeWithTool('the service image, SIGTERM (podman or docker)', containerEngineTool(), () => {
  let volume: string;
  let service: ServiceContainer;

  beforeAll(async () => {
    const image = await ensureServiceImage();
    volume = await createVolume();
    service = await startServiceContainer(image, volume, {
      SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
      SHUTDOWN_TIMEOUT_SECONDS: String(SHUTDOWN_TIMEOUT_SECONDS),
      FAULT_INJECTION_ENABLED: 'true',
      FAULT_DELAY_MS: String(SLOW_REQUEST_MS),
      FAULT_ROUTES: PATHS.users,
    });
  }, 10 * 60_000);

  afterAll(async () => {
    if (service) await removeContainer(service.id);
    if (volume) await removeVolume(volume);
  });

  it('fails readiness, finishes the in-flight request and exits 0 within the shutdown bound', async () => {
    const slowStarted = performance.now();
    const slow = fetch(`${service.url}${PATHS.users}`).then(async (response) => ({
      status: response.status,
      body: await response.text(),
      ms: performance.now() - slowStarted,
    }));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const signalled = performance.now();
    await killContainer(service.id, 'SIGTERM');
    const exited = waitForContainerExit(service.id, 60_000).then((code) => ({
      code,
      seconds: (performance.now() - signalled) / 1000,
    }));

    // During the drain the server still answers, and readiness says 503.
    let readiness = 0;
    for (let attempt = 0; attempt < 40 && readiness !== 503; attempt++) {
      readiness = (await fetch(`${service.url}${PATHS.readiness}`)).status;
      if (readiness !== 503) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(readiness).toBe(503);
    expect((await fetch(`${service.url}${PATHS.liveness}`)).status).toBe(200);

    const request = await slow;
    expect(request.status).toBe(200);
    expect(request.ms).toBeGreaterThanOrEqual(SLOW_REQUEST_MS);

    const exit = await exited;
    expect(exit.code, await containerLogs(service.id)).toBe(0);
    expect(exit.seconds).toBeGreaterThanOrEqual(DRAIN_SECONDS);
    expect(exit.seconds).toBeLessThan(SHUTDOWN_TIMEOUT_SECONDS);
  }, 60_000);
});
