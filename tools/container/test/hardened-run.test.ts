import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONTAINER, METRICS, PATHS } from '@slipway/contract';
import { describeWithTool } from '@slipway/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  containerEngineTool,
  containerProcessUser,
  createVolume,
  ensureServiceImage,
  inspectImage,
  removeContainer,
  removeVolume,
  stopContainer,
  volumeMountpoint,
} from '../src/index.js';
import {
  createUserRequest,
  type ServiceContainer,
  startServiceContainer,
} from './support/service-container.js';

// The drain delay is exercised in graceful-shutdown.test.ts; here it only slows the restart.
const FAST_SHUTDOWN = { SHUTDOWN_DRAIN_SECONDS: '1' };

describeWithTool('the service image, run hardened (podman or docker)', containerEngineTool(), () => {
  let image: string;
  let volume: string;
  let service: ServiceContainer;
  const containers: string[] = [];

  beforeAll(async () => {
    image = await ensureServiceImage();
    volume = await createVolume();
    service = await startServiceContainer(image, volume, FAST_SHUTDOWN);
    containers.push(service.id);
  }, 10 * 60_000);

  afterAll(async () => {
    for (const id of containers) await removeContainer(id);
    if (volume) await removeVolume(volume);
  });

  it('answers /, /healthz and /readyz', async () => {
    for (const path of [PATHS.root, PATHS.liveness, PATHS.readiness]) {
      const response = await fetch(`${service.url}${path}`);
      expect(response.status, path).toBe(200);
    }
  });

  it('runs its process as the non-root contract user', async () => {
    expect(await containerProcessUser(service.id)).toBe(String(CONTAINER.uid));
  });

  it("reports the image's commit and build time on /version", async () => {
    const { labels } = await inspectImage(image);
    const version = (await (await fetch(`${service.url}${PATHS.version}`)).json()) as Record<string, string>;
    expect(version.commit).toBe(labels['org.opencontainers.image.revision']);
    expect(version.buildTime).toBe(labels['org.opencontainers.image.created']);
    expect(version.node).toMatch(/^v24\./);
  });

  it('serves Prometheus metrics on the metrics port only', async () => {
    const metrics = await fetch(`${service.metricsUrl}${PATHS.metrics}`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain(METRICS.buildInfo);
    expect((await fetch(`${service.url}${PATHS.metrics}`)).status).toBe(404);
  });

  it('creates a user and reads it back; the data survives a new container on the same volume', async () => {
    const created = await fetch(
      `${service.url}${PATHS.users}`,
      createUserRequest('IMG12345Z', 'Ada Lovelace'),
    );
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string; dni: string; name: string };
    const read = await fetch(`${service.url}${PATHS.users}/${user.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: user.id, dni: 'IMG12345Z', name: 'Ada Lovelace' });

    expect(await stopContainer(service.id, 20)).toBe(0);
    const restarted = await startServiceContainer(image, volume, FAST_SHUTDOWN);
    containers.push(restarted.id);
    const again = await fetch(`${restarted.url}${PATHS.users}/${user.id}`);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: user.id, name: 'Ada Lovelace' });
  }, 120_000);

  it('keeps the SQLite database on the mounted volume, owned by the service user', async () => {
    const mountpoint = await volumeMountpoint(volume);
    // Docker Desktop keeps volumes inside its VM; on Linux (podman, Docker) they are local.
    if (!existsSync(mountpoint)) return;
    const database = statSync(join(mountpoint, 'slipway.db'));
    expect(database.uid).toBe(CONTAINER.uid);
  });
});
