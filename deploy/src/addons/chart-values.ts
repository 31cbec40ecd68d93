/**
 * The Helm values this repository sets, per chart, as types: only the keys used here, named as in
 * each chart's values.yaml at the pinned version. An object literal with a misspelled key fails
 * the typecheck (excess property check), before Helm would silently ignore it.
 */
import type { AlertmanagerConfig } from '@slipway/observability';
import type { RESTRICTED_CONTAINER_SECURITY_CONTEXT, restrictedPodSecurityContext } from './addon.js';

type PodSecurity = ReturnType<typeof restrictedPodSecurityContext>;
type ContainerSecurity = typeof RESTRICTED_CONTAINER_SECURITY_CONTEXT & {
  runAsUser?: number;
  runAsGroup?: number;
};
type Resources = { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
type ServiceAccount = { create: boolean; name: string };
type VolumeClaimTemplate = {
  volumeClaimTemplate: { spec: { accessModes: string[]; resources: { requests: { storage: string } } } };
};

export interface KubePrometheusStackValues {
  nodeExporter: { enabled: boolean };
  prometheus: {
    prometheusSpec: {
      retention: string;
      securityContext: PodSecurity;
      ruleSelectorNilUsesHelmValues: boolean;
      serviceMonitorSelectorNilUsesHelmValues: boolean;
      resources: Resources;
      storageSpec?: VolumeClaimTemplate;
    };
  };
  alertmanager: {
    /** Alertmanager's configuration file; absent: the chart's own, which routes every alert to a null receiver. */
    config?: AlertmanagerConfig;
    alertmanagerSpec: {
      securityContext: PodSecurity;
      /** Secrets mounted at /etc/alertmanager/secrets/<name>/ (receiver credentials). */
      secrets?: string[];
      storage?: VolumeClaimTemplate;
    };
  };
  grafana: {
    /** Admin login from an existing Secret instead of the chart's default password. */
    admin?: { existingSecret: string; userKey: string; passwordKey: string };
    securityContext: PodSecurity;
    containerSecurityContext: ContainerSecurity;
    sidecar: { dashboards: { enabled: boolean; label: string; labelValue: string; searchNamespace: string } };
    additionalDataSources: { name: string; type: string; uid: string; url: string; access: 'proxy' }[];
  };
}

export interface MetricsServerValues {
  replicas: number;
  podDisruptionBudget: { enabled: boolean; maxUnavailable: number };
  securityContext: ContainerSecurity;
  args?: string[];
}

export interface LokiValues {
  deploymentMode: 'SingleBinary';
  serviceAccount: ServiceAccount;
  loki: {
    auth_enabled: boolean;
    commonConfig: { replication_factor: number };
    storage:
      | { type: 'filesystem' }
      | { type: 's3'; bucketNames: { chunks: string; ruler: string; admin: string }; s3: { region: string } };
    /** Retention is applied by the compactor; without retention_enabled, retention_period does nothing. */
    compactor: { retention_enabled: boolean; delete_request_store: string };
    schemaConfig: {
      configs: {
        from: string;
        store: string;
        object_store: string;
        schema: string;
        index: { prefix: string; period: string };
      }[];
    };
    limits_config: { retention_period: string; allow_structured_metadata: boolean };
    podSecurityContext: PodSecurity;
    containerSecurityContext: ContainerSecurity;
  };
  singleBinary: { replicas: number; persistence: { size: string } };
  backend: { replicas: number };
  read: { replicas: number };
  write: { replicas: number };
  chunksCache: { enabled: boolean };
  resultsCache: { enabled: boolean };
  lokiCanary: { enabled: boolean };
  test: { enabled: boolean };
  gateway: { enabled: boolean };
}

export interface AlloyValues {
  controller: { type: 'deployment' | 'daemonset' | 'statefulset'; replicas: number };
  alloy: {
    clustering: { enabled: boolean };
    configMap: { create: boolean; content: string };
    securityContext: ContainerSecurity;
    mounts: { varlog: boolean; dockercontainers: boolean };
  };
  configReloader: { securityContext: ContainerSecurity };
  global: { podSecurityContext: PodSecurity };
}

export interface TempoValues {
  serviceAccount: ServiceAccount;
  tempo: {
    retention: string;
    receivers: { otlp: { protocols: { http: { endpoint: string } } } };
    /** Passed through to Tempo's `storage:` (the chart's default is the local disk). */
    storage?: { trace: { backend: 's3'; s3: { bucket: string; endpoint: string; region: string } } };
    securityContext: ContainerSecurity;
  };
  securityContext: PodSecurity;
  persistence: { enabled: boolean; size: string };
}

export interface ExternalSecretsValues {
  installCRDs: boolean;
  replicaCount: number;
  serviceAccount: ServiceAccount;
  podSecurityContext: PodSecurity;
  securityContext: ContainerSecurity;
  webhook: { replicaCount: number; podSecurityContext: PodSecurity; securityContext: ContainerSecurity };
  certController: {
    replicaCount: number;
    podSecurityContext: PodSecurity;
    securityContext: ContainerSecurity;
  };
}

export interface ExternalDnsValues {
  provider: { name: 'aws' };
  sources: string[];
  policy: 'sync' | 'upsert-only';
  registry: 'txt';
  serviceAccount: ServiceAccount;
  podSecurityContext: PodSecurity;
  securityContext: ContainerSecurity;
}

export interface AwsLoadBalancerControllerValues {
  replicaCount: number;
  serviceAccount: ServiceAccount;
  enableServiceMutatorWebhook: boolean;
  podSecurityContext: PodSecurity;
  securityContext: ContainerSecurity;
}

export interface TraefikValues {
  service: { type: 'NodePort' | 'LoadBalancer' | 'ClusterIP' };
  ports: { web: { nodePort: number }; websecure: { expose: { default: boolean } } };
  ingressClass: { enabled: boolean; isDefaultClass: boolean; name: string };
  providers: { kubernetesIngress: { enabled: boolean }; kubernetesCRD: { enabled: boolean } };
  podSecurityContext: PodSecurity;
  securityContext: ContainerSecurity;
}

export interface CloudnativePgValues {
  replicaCount: number;
  podSecurityContext: PodSecurity;
  containerSecurityContext: ContainerSecurity;
}

export interface KarpenterValues {
  settings: { clusterName: string; interruptionQueue: string };
  serviceAccount: ServiceAccount;
  replicas: number;
  podSecurityContext: PodSecurity;
  controller: { resources: Resources };
}
