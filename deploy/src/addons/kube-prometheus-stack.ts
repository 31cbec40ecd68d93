/**
 * Prometheus (operator), Alertmanager, Grafana and kube-state-metrics. node-exporter is off: it
 * needs the host's network, PID namespace and filesystem, which Pod Security `restricted` forbids,
 * and the service's alerts and dashboards use kubelet/cAdvisor and kube-state-metrics series only.
 *
 * On AWS, Alertmanager routes by observability's definition (page, ticket, heartbeat) with the
 * receivers' credentials in a Secret External Secrets copies from Secrets Manager, and Grafana's
 * admin login comes from Secrets Manager the same way (its way in: docs/alerting.md). The kind
 * cluster keeps the chart's defaults: it pages nobody and holds nothing worth a password.
 */
import type { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import {
  ALERTING_SECRET_KEYS,
  type AwsEnvironmentNames,
  GRAFANA_SECRET_KEYS,
  MONITORING_SECRETS,
  NAMESPACES,
} from '@slipway/contract';
import { alertmanagerConfig, clusterReceiverEndpoints } from '@slipway/observability';
import type { Environment } from '../environments/index.js';
import { TRACING_COLLECTOR } from '../environments/tracing.js';
import {
  type Addon,
  RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  restrictedPodSecurityContext,
  typedValues,
} from './addon.js';
import type { KubePrometheusStackValues, MetricsServerValues } from './chart-values.js';
import { CHARTS } from './chart-versions.js';
import { LOKI_URL } from './logging.js';
import { platformSecret } from './platform-secrets.js';

export const KUBE_PROMETHEUS_STACK_RELEASE = 'kube-prometheus-stack';

/** The chart's Prometheus selects ServiceMonitors and PrometheusRules carrying its release label. */
export const PROMETHEUS_SELECTOR_LABELS = { release: KUBE_PROMETHEUS_STACK_RELEASE } as const;

/** The Grafana sidecar loads every ConfigMap with this label, in any namespace. */
export const GRAFANA_DASHBOARD_LABEL = { grafana_dashboard: '1' } as const;
const [dashboardLabel, dashboardLabelValue] = Object.entries(GRAFANA_DASHBOARD_LABEL)[0]!;

export function kubePrometheusStack(env: Environment): Addon {
  const deployed = env.name !== 'local';
  const aws = env.aws;
  return {
    name: 'kube-prometheus-stack',
    chart: CHARTS.kubePrometheusStack,
    releaseName: KUBE_PROMETHEUS_STACK_RELEASE,
    namespace: NAMESPACES.monitoring,
    ownsNamespace: true,
    podSecurity: 'restricted',
    // After platform-config: Alertmanager and Grafana start only once their Secrets exist.
    syncWave: 5,
    values: typedValues<KubePrometheusStackValues>({
      nodeExporter: { enabled: false },
      prometheus: {
        prometheusSpec: {
          retention: deployed ? '15d' : '2d',
          securityContext: restrictedPodSecurityContext(65534),
          // Rules and monitors are selected by the release label (the chart's default).
          ruleSelectorNilUsesHelmValues: true,
          serviceMonitorSelectorNilUsesHelmValues: true,
          resources: { requests: { cpu: deployed ? '250m' : '100m', memory: deployed ? '1Gi' : '512Mi' } },
          ...(deployed
            ? {
                storageSpec: {
                  volumeClaimTemplate: {
                    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } } },
                  },
                },
              }
            : {}),
        },
      },
      alertmanager: {
        ...(aws ? { config: alertmanagerConfig(clusterReceiverEndpoints(aws.clusterName)) } : {}),
        alertmanagerSpec: {
          securityContext: restrictedPodSecurityContext(65534),
          ...(aws
            ? {
                secrets: [MONITORING_SECRETS.alertmanagerReceivers],
                // Silences and the notification log survive a restart.
                storage: {
                  volumeClaimTemplate: {
                    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
                  },
                },
              }
            : {}),
        },
      },
      grafana: {
        ...(aws
          ? {
              admin: {
                existingSecret: MONITORING_SECRETS.grafanaAdmin,
                userKey: GRAFANA_SECRET_KEYS.adminUser,
                passwordKey: GRAFANA_SECRET_KEYS.adminPassword,
              },
            }
          : {}),
        securityContext: restrictedPodSecurityContext(472),
        containerSecurityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
        sidecar: {
          dashboards: {
            enabled: true,
            label: dashboardLabel,
            labelValue: dashboardLabelValue,
            searchNamespace: 'ALL',
          },
        },
        additionalDataSources: [
          { name: 'Loki', type: 'loki', uid: 'loki', url: LOKI_URL, access: 'proxy' },
          {
            name: 'Tempo',
            type: 'tempo',
            uid: 'tempo',
            url: `http://${TRACING_COLLECTOR.service}.${TRACING_COLLECTOR.namespace}.svc.cluster.local:3200`,
            access: 'proxy',
          },
        ],
      },
    }),
    securityContextPaths: {
      pod: [
        'prometheus.prometheusSpec.securityContext',
        'alertmanager.alertmanagerSpec.securityContext',
        'grafana.securityContext',
      ],
      container: ['grafana.containerSecurityContext'],
    },
    ...(aws ? { companions: monitoringSecrets(aws) } : {}),
  };
}

/** Alertmanager's receiver credentials and Grafana's admin login, from Secrets Manager. */
function monitoringSecrets(aws: AwsEnvironmentNames): ExternalSecret[] {
  return [
    platformSecret({
      name: MONITORING_SECRETS.alertmanagerReceivers,
      namespace: NAMESPACES.monitoring,
      source: aws.secrets.alerting,
      keys: Object.values(ALERTING_SECRET_KEYS),
    }),
    platformSecret({
      name: MONITORING_SECRETS.grafanaAdmin,
      namespace: NAMESPACES.monitoring,
      source: aws.secrets.grafana,
      keys: Object.values(GRAFANA_SECRET_KEYS),
    }),
  ];
}

export function metricsServer(env: Environment): Addon {
  return {
    name: 'metrics-server',
    chart: CHARTS.metricsServer,
    releaseName: 'metrics-server',
    namespace: 'kube-system',
    ownsNamespace: false,
    podSecurity: 'restricted',
    syncWave: -10,
    values: typedValues<MetricsServerValues>({
      replicas: env.name === 'local' ? 1 : 2,
      podDisruptionBudget: { enabled: env.name !== 'local', maxUnavailable: 1 },
      securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
      // kind's kubelets serve self-signed certificates.
      ...(env.name === 'local' ? { args: ['--kubelet-insecure-tls'] } : {}),
    }),
    securityContextPaths: { container: ['securityContext'] },
  };
}
