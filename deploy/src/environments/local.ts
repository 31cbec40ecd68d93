import { SERVICE_NAME } from '@slipway/contract';
import type { Environment } from './environment.js';
import { TRACING_ENDPOINT } from './tracing.js';

/**
 * The tag tools/local-cluster builds and loads into kind (`kind load` keeps no registry digest).
 * The localhost/ prefix names the same image under docker, podman and containerd alike.
 */
export const LOCAL_IMAGE = { repository: `localhost/${SERVICE_NAME}`, tag: 'local' } as const;

/**
 * Local: a kind cluster on a laptop or in the e2e pipeline. Same objects as the AWS environments;
 * Traefik instead of the ALB, CloudNativePG instead of RDS, a generated Secret instead of
 * External Secrets, and small requests so it fits on one node.
 */
export const local: Environment = {
  name: 'local',
  appEnv: 'local',
  gitops: { targetRevision: 'main', prune: true, selfHeal: true },
  image: {
    kind: 'tag',
    ...LOCAL_IMAGE,
    waiver:
      'kind loads the locally built image by tag; it never passes through a registry, so it has no digest',
  },
  scaling: { minReplicas: 2, maxReplicas: 3, targetCpuUtilization: 80 },
  resources: { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  zoneSpread: 'ScheduleAnyway',
  ingress: { controller: 'traefik', host: `${SERVICE_NAME}.localtest.me` },
  database: { kind: 'cloudnative-pg', instances: 1, storage: '1Gi' },
  secrets: 'generated',
  settings: {
    APP_ENV: 'local',
    LOG_LEVEL: 'debug',
    MIGRATE_ON_START: false,
    TRUST_PROXY: true,
    DATABASE_SSL: 'require',
    FAULT_INJECTION_ENABLED: false,
    OTEL_EXPORTER_OTLP_ENDPOINT: TRACING_ENDPOINT,
  },
  addons: ['kube-prometheus-stack', 'metrics-server', 'loki', 'alloy', 'tempo', 'traefik', 'cloudnative-pg'],
};
