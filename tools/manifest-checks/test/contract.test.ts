/**
 * The contract between the manifests and the service: every setting the service requires is
 * provided in every environment, secrets only through Secrets/ExternalSecrets, and the ports,
 * probe paths, commands, user and timing equal the service's own constants. The rendered
 * configuration is fed to the service's real config loader, so "the service would start with
 * this" is checked by the service's own rules.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  CONTAINER,
  DATABASE_NAME,
  DATABASE_USERNAME,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  describeSettings,
  ENVIRONMENTS,
  HTTP_PORT,
  METRICS_PORT,
  MIGRATE_COMMAND,
  NAMESPACES,
  OBJECT_NAMES,
  PATHS,
  PORT_NAMES,
  POSTGRES_PORT,
  SECRET_FILE_SUFFIX,
  SECRET_SETTINGS,
  SERVE_COMMAND,
} from '@slipway/contract';
import { APP_FOLDERS, SERVICE_KINDS } from '@slipway/deploy';
import { CONTAINER_NAME, HPA_NAME, SCRAPE_JOB } from '@slipway/observability';
import { loadConfig } from '@slipway/service/config';
import { afterAll, describe, expect, it } from 'vitest';
import { containerEnvironment } from '../src/container-environment.js';
import { renderedManifests } from '../src/rendered-manifests.js';
import { type ContainerSpec, workloadsOf } from '../src/workloads.js';

const all = renderedManifests();
const scratch = mkdtempSync(join(tmpdir(), 'slipway-contract-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Stand-ins for values that live in AWS Secrets Manager (as long as the service requires a secret to be). */
const testSecretValue = (secret: string, key: string) =>
  key === 'DATABASE_URL'
    ? `postgres://${DATABASE_USERNAME}@db.internal:${POSTGRES_PORT}/${DATABASE_NAME}`
    : `test-value-of-${secret}-${key}-from-secrets-manager`;

describe.each(ENVIRONMENTS)('the %s manifests keep the service contract', (env) => {
  const objects = all.filter((o) => o.environment === env);
  const workloads = workloadsOf(objects);
  const server = workloads.find((w) => w.source.object.kind === 'Deployment')!;
  const migrate = workloads.find((w) => w.source.object.kind === 'Job')!;
  const serverContainer = server.pod.containers[0] as ContainerSpec;
  const runtimeOf = (w: typeof server) =>
    containerEnvironment(objects, NAMESPACES.service, w.pod, w.pod.containers[0]!, testSecretValue);

  it('provides every required setting, and the service accepts the whole configuration', () => {
    for (const w of [server, migrate]) {
      const runtime = runtimeOf(w);
      expect(runtime.problems).toEqual([]);
      // Secret files go to a scratch folder, then the service's own loader reads them.
      const variables = { ...runtime.variables };
      for (const file of runtime.secretFiles) {
        const local = join(scratch, env, w.source.object.kind, file.path);
        mkdirSync(dirname(local), { recursive: true });
        writeFileSync(local, file.value);
        for (const [name, value] of Object.entries(variables))
          if (value === file.path) variables[name] = local;
      }
      const config = loadConfig(variables);
      for (const setting of describeSettings().filter((s) => s.requiredWhenDeployed)) {
        expect(config[setting.name], `${setting.name} in ${env}`).not.toBe('');
      }
      expect(config.MIGRATE_ON_START, 'the migration Job migrates, not the server').toBe(false);
      expect(config.APP_ENV).toBe(env);
      if (env !== 'local') expect(config.FAULT_INJECTION_ENABLED).toBe(false);
      expect(config.PORT).toBe(HTTP_PORT);
      expect(config.METRICS_PORT).toBe(METRICS_PORT);
    }
  });

  it('passes secrets only through Secrets or ExternalSecrets, as files', () => {
    const configMap = objects.find(
      (o) => o.object.kind === 'ConfigMap' && o.object.metadata.name === OBJECT_NAMES.config,
    )!;
    const data = (configMap.object as unknown as { data: Record<string, string> }).data;
    for (const name of SECRET_SETTINGS)
      expect(Object.keys(data), `${name} must not be in the ConfigMap`).not.toContain(name);
    const runtime = runtimeOf(server);
    for (const name of SECRET_SETTINGS) {
      expect(runtime.variables[name], `${name} must not be a literal env value`).toBeUndefined();
    }
    const provided = runtime.secretFiles.map((f) => f.key);
    for (const setting of describeSettings().filter((s) => s.secret && s.requiredWhenDeployed)) {
      expect(provided, `${setting.name} is mounted from a Secret`).toContain(setting.name);
    }
    for (const key of provided) expect(SECRET_SETTINGS, `${key} is a secret setting`).toContain(key);
    for (const file of runtime.secretFiles)
      expect(runtime.variables[`${file.key}${SECRET_FILE_SUFFIX}`]).toBe(file.path);
    const settingNames = describeSettings().map((s) => s.name as string);
    for (const key of Object.keys(data))
      expect(settingNames, `ConfigMap key ${key} is a setting`).toContain(key);
  });

  it('declares the service ports, probe paths and metrics endpoint from the contract', () => {
    const port = (name: string) => serverContainer.ports?.find((p) => p.name === name)?.containerPort;
    expect(port(PORT_NAMES.http)).toBe(HTTP_PORT);
    expect(port(PORT_NAMES.metrics)).toBe(METRICS_PORT);
    const probes = [
      serverContainer.startupProbe,
      serverContainer.readinessProbe,
      serverContainer.livenessProbe,
    ];
    expect(probes.map((p) => p?.httpGet?.path)).toEqual([PATHS.liveness, PATHS.readiness, PATHS.liveness]);
    for (const p of probes) expect(p?.httpGet?.port).toBe(PORT_NAMES.http);
    const monitor = objects.find((o) => o.object.kind === 'ServiceMonitor')!.object as unknown as {
      spec: { endpoints: { port: string; path: string }[] };
    };
    expect(monitor.spec.endpoints).toEqual([
      expect.objectContaining({ port: PORT_NAMES.metrics, path: PATHS.metrics }),
    ]);
  });

  it('runs the contract commands as the image user, and names what the dashboards select on', () => {
    expect(serverContainer.args).toEqual([...SERVE_COMMAND]);
    expect(migrate.pod.containers[0]?.args).toEqual([...MIGRATE_COMMAND]);
    for (const w of [server, migrate]) {
      expect(w.pod.securityContext?.runAsUser).toBe(CONTAINER.uid);
      expect(w.pod.containers[0]?.workingDir).toBe(CONTAINER.workdir);
      expect(w.pod.containers[0]?.image).toBe(serverContainer.image);
    }
    expect(serverContainer.name).toBe(CONTAINER_NAME);
    expect(objects.find((o) => o.object.kind === 'Service')?.object.metadata.name).toBe(SCRAPE_JOB);
    expect(objects.find((o) => o.object.kind === 'HorizontalPodAutoscaler')?.object.metadata.name).toBe(
      HPA_NAME,
    );
  });

  it('gives the pod time to drain: preStop = drain delay, grace > preStop + the service shutdown bound', () => {
    const runtime = runtimeOf(server);
    const drain = Number(runtime.variables.SHUTDOWN_DRAIN_SECONDS);
    const shutdown = Number(runtime.variables.SHUTDOWN_TIMEOUT_SECONDS);
    const preStop = serverContainer.lifecycle?.preStop?.sleep?.seconds ?? 0;
    expect(preStop).toBe(drain);
    expect(shutdown).toBeGreaterThanOrEqual(drain + DEFAULT_REQUEST_TIMEOUT_SECONDS);
    expect(server.pod.terminationGracePeriodSeconds).toBeGreaterThan(preStop + shutdown);
    expect(server.pod.terminationGracePeriodSeconds).toBeGreaterThan(
      preStop + drain + DEFAULT_REQUEST_TIMEOUT_SECONDS,
    );
  });

  it('lets the service project deploy every kind its folders render, and nothing cluster-scoped', () => {
    const serviceFolders: string[] = [APP_FOLDERS.config, APP_FOLDERS.service, APP_FOLDERS.database];
    const kinds = new Set(objects.filter((o) => serviceFolders.includes(o.folder)).map((o) => o.object.kind));
    for (const kind of kinds)
      expect(
        SERVICE_KINDS.map((k) => k.kind),
        kind,
      ).toContain(kind);
    for (const o of objects.filter((x) => serviceFolders.includes(x.folder)))
      expect(o.object.metadata.namespace).toBeTruthy();
  });
});
