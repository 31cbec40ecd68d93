/**
 * Logs and traces: Loki (single binary) stores logs, Grafana Alloy ships them by tailing pod logs
 * through the Kubernetes API (no hostPath, so its namespace stays `restricted`), Tempo receives the
 * service's OTLP spans. The service's JSON fields become Loki structured metadata, and only
 * low-cardinality fields (namespace, app, container, level) become labels.
 */

import { NAMESPACES } from '@slipway/contract';
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

export function loki(env: Environment): Addon {
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
      loki: {
        auth_enabled: false,
        commonConfig: { replication_factor: 1 },
        storage: { type: 'filesystem' },
        schemaConfig: {
          configs: [
            {
              from: '2025-01-01',
              store: 'tsdb',
              object_store: 'filesystem',
              schema: 'v13',
              index: { prefix: 'index_', period: '24h' },
            },
          ],
        },
        limits_config: {
          retention_period: env.name === 'production' ? '720h' : '168h',
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
  return {
    name: 'tempo',
    chart: CHARTS.tempo,
    releaseName: TRACING_COLLECTOR.service,
    namespace: TRACING_COLLECTOR.namespace,
    ownsNamespace: true,
    podSecurity: 'restricted',
    syncWave: -5,
    values: typedValues<TempoValues>({
      tempo: {
        retention: env.name === 'production' ? '336h' : '72h',
        receivers: { otlp: { protocols: { http: { endpoint: `0.0.0.0:${TRACING_COLLECTOR.port}` } } } },
        securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
      },
      securityContext: restrictedPodSecurityContext(10001),
      persistence: { enabled: env.name !== 'local', size: '10Gi' },
    }),
    securityContextPaths: { pod: ['securityContext'], container: ['tempo.securityContext'] },
  };
}
