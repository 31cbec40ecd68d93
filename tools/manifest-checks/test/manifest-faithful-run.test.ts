/**
 * The rendered staging manifests, run for real: the migration Job and then the Deployment's
 * container, under podman (or docker) with exactly the env, user, read-only root filesystem,
 * capabilities, memory limit and volumes the YAML declares, against a real PostgreSQL with TLS.
 * The startup, readiness and liveness probes are called as declared; then the kubelet's shutdown
 * is replayed (preStop sleep, SIGTERM) and the exit must come within terminationGracePeriodSeconds.
 */
import { rmSync } from 'node:fs';
import {
  containerEngineTool,
  containerExitCode,
  containerLogs,
  detectEngine,
  ensureServiceImage,
  killContainer,
  type RunningContainer,
  removeContainer,
  runContainer,
  waitForContainerExit,
} from '@slipway/container';
import { NAMESPACES, OBJECT_NAMES } from '@slipway/contract';
import { describeWithTool, toolAvailable } from '@slipway/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { containerEnvironment } from '../src/container-environment.js';
import { renderedManifests } from '../src/rendered-manifests.js';
import { type Workload, workloadsOf } from '../src/workloads.js';
import { probeOnce, untilSuccess } from './support/kubelet-prober.js';
import { type OtlpReceiver, startOtlpReceiver } from './support/otlp-receiver.js';
import {
  containerRunOptions,
  hostLoopbackFromContainer,
  type NetworkMode,
} from './support/pod-to-container.js';
import { startTlsPostgres, type TlsPostgres } from './support/tls-postgres.js';

const staging = renderedManifests().filter((o) => o.environment === 'staging');
const workloads = workloadsOf(staging);
const deployment = workloads.find((w) => w.source.object.kind === 'Deployment')!;
const job = workloads.find((w) => w.source.object.kind === 'Job')!;
const server = deployment.pod.containers[0]!;
const configMap = staging.find(
  (o) => o.object.kind === 'ConfigMap' && o.object.metadata.name === OBJECT_NAMES.config,
)!;
const configValue = (name: string) =>
  (configMap.object as unknown as { data: Record<string, string> }).data[name];

describeWithTool('the rendered staging Deployment, run as declared', containerEngineTool(), () => {
  let image: string;
  let postgres: TlsPostgres;
  let collector: OtlpReceiver;
  let network: NetworkMode;
  /** The host port a declared container port is reachable on. */
  const hostPort = (containerPort: number) =>
    network === 'host' ? containerPort : running!.ports[containerPort]!;
  let running: RunningContainer | undefined;
  const hostDirs: string[] = [];
  const figures: Record<string, number | string> = {};

  const start = (w: Workload) => {
    const runtime = containerEnvironment(
      staging,
      NAMESPACES.service,
      w.pod,
      w.pod.containers[0]!,
      (_, key) => {
        // The values External Secrets would copy from Secrets Manager, pointing at the test database.
        if (key === 'DATABASE_URL')
          return `postgres://${postgres.user}@${hostLoopbackFromContainer(network)}:${postgres.port}/${postgres.database}`;
        if (key === 'DB_PASSWORD') return postgres.password;
        return `test-value-of-${key.toLowerCase()}-from-secrets-manager`;
      },
    );
    expect(runtime.problems).toEqual([]);
    const collector = new URL(runtime.variables.OTEL_EXPORTER_OTLP_ENDPOINT!).hostname;
    const translated = containerRunOptions(image, w.pod, w.pod.containers[0]!, runtime, network, [collector]);
    hostDirs.push(...translated.hostDirs);
    return runContainer(translated.options);
  };

  beforeAll(async () => {
    const endpoint = new URL(String(configValue('OTEL_EXPORTER_OTLP_ENDPOINT')));
    const { command } = await detectEngine();
    // SLIPWAY_POD_NETWORK=host|slirp4netns forces one (to exercise the docker path with podman).
    const forced = process.env.SLIPWAY_POD_NETWORK as NetworkMode | undefined;
    network =
      forced ??
      (command === 'podman' && toolAvailable('slirp4netns', ['--version']) ? 'slirp4netns' : 'host');
    figures.network = network;
    [image, postgres, collector] = await Promise.all([
      ensureServiceImage(),
      startTlsPostgres(),
      startOtlpReceiver(Number(endpoint.port)),
    ]);
  }, 20 * 60_000);

  afterAll(async () => {
    if (running) await removeContainer(running.id);
    await postgres?.stop();
    await collector?.close();
    for (const dir of hostDirs) rmSync(dir, { recursive: true, force: true });
    console.log(`manifest-faithful run (staging): ${JSON.stringify(figures)}`);
  });

  it('runs the migration Job (PreSync hook) to completion with the same security context', async () => {
    const migration = await start(job);
    const code = await waitForContainerExit(migration.id, 120_000);
    const logs = await containerLogs(migration.id);
    await removeContainer(migration.id);
    expect(code, logs).toBe(0);
  }, 180_000);

  it('passes its startup, readiness and liveness probes exactly as declared', async () => {
    const started = performance.now();
    running = await start(deployment);
    const hostPortOf = (port: string | number) => {
      const declared = server.ports?.find((p) => p.name === port || p.containerPort === port);
      if (!declared) throw new Error(`probe port ${port} is not declared`);
      return hostPort(declared.containerPort);
    };
    const startup = await untilSuccess(server.startupProbe!, hostPortOf);
    expect(startup, await containerLogs(running.id)).toMatchObject({ ok: true });
    const readiness = await untilSuccess(server.readinessProbe!, hostPortOf);
    expect(readiness, await containerLogs(running.id)).toMatchObject({ ok: true });
    const liveness = await probeOnce(server.livenessProbe!, hostPortOf);
    expect(liveness).toMatchObject({ ok: true, status: 200 });
    figures.startupProbeAttempts = startup.attempts;
    figures.startToReadyMs = Math.round(performance.now() - started);
  }, 180_000);

  it('stops within terminationGracePeriodSeconds: preStop sleep, then SIGTERM, exit 0', async () => {
    const grace = deployment.pod.terminationGracePeriodSeconds!;
    const preStop = server.lifecycle?.preStop?.sleep?.seconds ?? 0;
    const hostPortOf = (port: string | number) =>
      hostPort(server.ports!.find((p) => p.name === port || p.containerPort === port)!.containerPort);
    const deletion = performance.now();
    // The kubelet runs the preStop sleep first; the process serves untouched meanwhile.
    await new Promise((resolve) => setTimeout(resolve, preStop * 1000));
    expect(await probeOnce(server.livenessProbe!, hostPortOf)).toMatchObject({ ok: true });
    const sigterm = performance.now();
    await killContainer(running!.id, 'SIGTERM');
    // While it drains, readiness fails so nothing new is routed here.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await probeOnce(server.readinessProbe!, hostPortOf)).toMatchObject({ ok: false, status: 503 });
    const code = await waitForContainerExit(running!.id, grace * 1000);
    const exited = performance.now();
    expect(code, await containerLogs(running!.id)).toBe(0);
    expect(await containerExitCode(running!.id)).toBe(0);
    figures.sigtermToExitMs = Math.round(exited - sigterm);
    figures.deletionToExitMs = Math.round(exited - deletion);
    figures.terminationGracePeriodSeconds = grace;
    figures.otlpExportsReceived = collector.requests.length;
    expect(exited - deletion).toBeLessThan(grace * 1000);
  }, 120_000);
});
