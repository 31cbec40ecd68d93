import {
  HTTP_PORT,
  METRICS_PORT,
  NAMESPACES,
  OBJECT_NAMES,
  PATHS,
  PORT_NAMES,
  SERVE_COMMAND,
  SERVICE_ACCOUNTS,
} from '@slipway/contract';
import type { Construct } from 'constructs';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import type { Environment } from '../environments/index.js';
import { addObject } from '../objects/kube-object.js';
import { COMPONENTS, CONFIG_CHECKSUM_ANNOTATION, SERVICE_LABELS, selectorLabels } from '../objects/names.js';
import { waiverAnnotations } from '../objects/waivers.js';
import { configChecksum, configData } from './config-map.js';
import { serviceContainer, servicePodSpec } from './pod-template.js';
import { shutdownTiming } from './shutdown-timing.js';

/**
 * Probes: startup waits for the process (liveness path) with a generous budget; readiness asks
 * whether it should get traffic (migrations applied, not draining); liveness restarts a process
 * that stopped serving. Liveness never touches the database, so a database outage drains pods
 * instead of restarting them.
 */
export const PROBES = {
  startup: { path: PATHS.liveness, periodSeconds: 2, timeoutSeconds: 2, failureThreshold: 30 },
  readiness: { path: PATHS.readiness, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2 },
  liveness: { path: PATHS.liveness, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
} as const;

function probe(p: (typeof PROBES)[keyof typeof PROBES]) {
  return {
    httpGet: { path: p.path, port: PORT_NAMES.http, scheme: 'HTTP' as const },
    periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds,
    failureThreshold: p.failureThreshold,
  };
}

export function serviceDeployment(scope: Construct, env: Environment): void {
  const timing = shutdownTiming(env.settings);
  const labels = { ...SERVICE_LABELS, ...selectorLabels(COMPONENTS.server) };
  const container = {
    ...serviceContainer(env, OBJECT_NAMES.container, SERVE_COMMAND),
    ports: [
      { name: PORT_NAMES.http, containerPort: HTTP_PORT, protocol: 'TCP' as const },
      { name: PORT_NAMES.metrics, containerPort: METRICS_PORT, protocol: 'TCP' as const },
    ],
    startupProbe: probe(PROBES.startup),
    readinessProbe: probe(PROBES.readiness),
    livenessProbe: probe(PROBES.liveness),
    lifecycle: { preStop: { sleep: { seconds: timing.preStopSleepSeconds } } },
  };
  const spread = (topologyKey: string, whenUnsatisfiable: Environment['zoneSpread']) => ({
    topologyKey,
    maxSkew: 1,
    whenUnsatisfiable,
    labelSelector: { matchLabels: selectorLabels(COMPONENTS.server) },
    matchLabelKeys: ['pod-template-hash'],
  });
  addObject(
    scope,
    new Deployment({
      metadata: {
        name: OBJECT_NAMES.deployment,
        namespace: NAMESPACES.service,
        labels,
        ...(env.image.kind === 'tag'
          ? { annotations: waiverAnnotations([{ check: 'image-digest', reason: env.image.waiver }]) }
          : {}),
      },
      spec: {
        // Created at the HPA minimum; afterwards the HorizontalPodAutoscaler owns the count and the
        // service Application ignores /spec/replicas, so a sync never resets a scaled-out Deployment.
        replicas: env.scaling.minReplicas,
        revisionHistoryLimit: 5,
        selector: { matchLabels: selectorLabels(COMPONENTS.server) },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
        },
        template: {
          metadata: {
            labels,
            annotations: { [CONFIG_CHECKSUM_ANNOTATION]: configChecksum(configData(env)) },
          },
          spec: {
            ...servicePodSpec(SERVICE_ACCOUNTS.service, [container]),
            terminationGracePeriodSeconds: timing.terminationGracePeriodSeconds,
            topologySpreadConstraints: [
              spread('topology.kubernetes.io/zone', env.zoneSpread),
              spread('kubernetes.io/hostname', 'ScheduleAnyway'),
            ],
          },
        },
      },
    }),
  );
}
