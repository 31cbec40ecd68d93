/**
 * Logs and traces: Loki (single binary) stores logs, Grafana Alloy ships them by tailing pod logs
 * through the Kubernetes API (no hostPath, so its namespace stays `restricted`), Tempo receives the
 * service's OTLP spans. The service's JSON fields become Loki structured metadata, and only
 * low-cardinality fields (namespace, app, container, level) become labels.
 *
 * On AWS, Loki and Tempo keep their data in the environment's S3 buckets (infra/, names from
 * @slipway/contract), reached through Pod Identity by their named ServiceAccounts; their volumes
 * hold only the write-ahead log. Retention (contract's TELEMETRY_RETENTION_DAYS) is applied by
 * their compactors; the buckets' lifecycle rules expire what is left a day later.
 */

import { NAMESPACES, SERVICE_ACCOUNTS, TELEMETRY_RETENTION_DAYS } from '@slipway/contract';
import { alloyLokiProcess } from '@slipway/observability';
import type { Environment } from '../environments/index.js';
import { TRACING_COLLECTOR } from '../environments/tracing.js';
import {
  type Addon,
  RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  restrictedPodSecurityContext,
  typedValues,
} from './addon.js';
import type { AlloyValues, LokiValues, TempoValues } from './chart-values.js';
import { CHARTS } from './chart-versions.js';

export const LOKI_URL = `http://loki.${NAMESPACES.logging}.svc.cluster.local:3100`;

const hours = (days: number) => `${days * 24}h`;

export function loki(env: Environment): Addon {
  const aws = env.aws;
  const objectStore = aws ? 's3' : 'filesystem';
  return {
    name: 'loki',
    chart: CHARTS.loki,
    releaseName: 'loki',
    namespace: NAMESPACES.logging,
    ownsNamespace: true,
    podSecurity: 'restricted',
    syncWave: -5,
    values: typedValues<LokiValues>({
      deploymentMode: 'SingleBinary',
      serviceAccount: { create: true, name: SERVICE_ACCOUNTS.loki },
      loki: {
        auth_enabled: false,
        commonConfig: { replication_factor: 1 },
        storage: aws
          ? {
              type: 's3',
              bucketNames: { chunks: aws.buckets.logs, ruler: aws.buckets.logs, admin: aws.buckets.logs },
              s3: { region: aws.region },
            }
          : { type: 'filesystem' },
        compactor: { retention_enabled: true, delete_request_store: objectStore },
        schemaConfig: {
          configs: [
            {
              from: '2025-01-01',
              store: 'tsdb',
              object_store: objectStore,
              schema: 'v13',
              index: { prefix: 'index_', period: '24h' },
            },
          ],
        },
        limits_config: {
          retention_period: hours(TELEMETRY_RETENTION_DAYS[env.name].logs),
          allow_structured_metadata: true,
        },
        podSecurityContext: restrictedPodSecurityContext(10001),
        containerSecurityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
      },
      singleBinary: { replicas: 1, persistence: { size: env.name === 'local' ? '2Gi' : '20Gi' } },
      backend: { replicas: 0 },
      read: { replicas: 0 },
      write: { replicas: 0 },
      chunksCache: { enabled: false },
      resultsCache: { enabled: false },
      lokiCanary: { enabled: false },
      test: { enabled: false },
      gateway: { enabled: false },
    }),
    securityContextPaths: { pod: ['loki.podSecurityContext'], container: ['loki.containerSecurityContext'] },
  };
}

/**
 * Alloy pipeline: Kubernetes API log tailing → JSON parsing → Loki. With several replicas,
 * clustering splits the pods between them (each log line is shipped once).
 */
const alloyConfig = (clustered: boolean) =>
  `
discovery.kubernetes "pods" {
  role = "pod"
}

discovery.relabel "pods" {
  targets = discovery.kubernetes.pods.targets
  rule {
    source_labels = ["__meta_kubernetes_namespace"]
    target_label  = "namespace"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_label_app_kubernetes_io_name"]
    target_label  = "app"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_container_name"]
    target_label  = "container"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_name"]
    target_label  = "pod"
  }
}

loki.source.kubernetes "pods" {
  targets    = discovery.relabel.pods.output
  forward_to = [loki.process.json.receiver]
  clustering {
    enabled = ${clustered}
  }
}

${alloyLokiProcess('json', 'loki.write.default.receiver')}

loki.write "default" {
  endpoint {
    url = "${LOKI_URL}/loki/api/v1/push"
  }
}
`.trim();

export function alloy(env: Environment): Addon {
  const clustered = env.name !== 'local';
  return {
    name: 'alloy',
    chart: CHARTS.alloy,
    releaseName: 'alloy',
    namespace: NAMESPACES.logging,
    ownsNamespace: true,
    podSecurity: 'restricted',
    syncWave: -4,
    values: typedValues<AlloyValues>({
      controller: { type: 'deployment', replicas: clustered ? 2 : 1 },
      alloy: {
        clustering: { enabled: clustered },
        configMap: { create: true, content: alloyConfig(clustered) },
        securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, runAsUser: 473, runAsGroup: 473 },
        mounts: { varlog: false, dockercontainers: false },
      },
      configReloader: { securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, runAsUser: 65534 } },
      global: { podSecurityContext: restrictedPodSecurityContext(473) },
    }),
    securityContextPaths: {
      pod: ['global.podSecurityContext'],
      container: ['alloy.securityContext', 'configReloader.securityContext'],
    },
  };
}

export function tempo(env: Environment): Addon {
  const aws = env.aws;
  return {
    name: 'tempo',
    chart: CHARTS.tempo,
    releaseName: TRACING_COLLECTOR.service,
    namespace: TRACING_COLLECTOR.namespace,
    ownsNamespace: true,
    podSecurity: 'restricted',
    syncWave: -5,
    values: typedValues<TempoValues>({
      serviceAccount: { create: true, name: SERVICE_ACCOUNTS.tempo },
      tempo: {
        retention: hours(TELEMETRY_RETENTION_DAYS[env.name].traces),
        receivers: { otlp: { protocols: { http: { endpoint: `0.0.0.0:${TRACING_COLLECTOR.port}` } } } },
        ...(aws
          ? {
              storage: {
                trace: {
                  backend: 's3',
                  s3: {
                    bucket: aws.buckets.traces,
                    endpoint: `s3.${aws.region}.amazonaws.com`,
                    region: aws.region,
                  },
                },
              },
            }
          : {}),
        securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
      },
      securityContext: restrictedPodSecurityContext(10001),
      persistence: { enabled: env.name !== 'local', size: '10Gi' },
    }),
    securityContextPaths: { pod: ['securityContext'], container: ['tempo.securityContext'] },
  };
}
