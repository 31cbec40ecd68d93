/**
 * What this repository knows about each chart deploy/ installs, at the version it pins: which
 * ServiceAccount its workload runs as, whether it calls AWS with the given values, which volumes
 * it claims, and which kinds of objects its controller serves. Chart defaults are written down
 * here because no chart is rendered in this repository (no Helm); a test fails when deploy/ pins a
 * chart this table does not describe.
 */
import type { ChartRelease } from './chart-releases.js';
import { valueAt } from './chart-releases.js';
import type { Json, Manifest } from './rendered-manifests.js';

export interface VolumeClaim {
  /** Where the claim is set, for messages. */
  setting: string;
  /** undefined: the cluster's default StorageClass. */
  storageClassName: string | undefined;
}

export interface ChartFacts {
  /** ServiceAccounts the chart creates in its release namespace. */
  serviceAccounts(release: ChartRelease): string[];
  /** The ServiceAccount whose pods call AWS APIs with these values, if any. */
  awsCaller?(release: ChartRelease, manifests: Manifest[]): string | undefined;
  /** Volumes the chart claims with these values. */
  claims?(release: ChartRelease): VolumeClaim[];
  /** Kinds of objects the chart's controller acts on. */
  serves?: string[];
  /** Ingress classes the chart's controller implements. */
  ingressClasses?(release: ChartRelease): string[];
  /** Object storage buckets the values point the workload at. */
  buckets?(release: ChartRelease): string[];
}

/** `serviceAccount.name`, or the release name when the chart creates one by default. */
function defaultServiceAccount(release: ChartRelease): string[] {
  const account = release.values.serviceAccount ?? {};
  if (account.create === false) return account.name ? [account.name] : [];
  return [account.name ?? release.releaseName];
}

const claimIf = (release: ChartRelease, path: string, classPath: string): VolumeClaim[] =>
  valueAt(release.values, path)
    ? [{ setting: path, storageClassName: valueAt(release.values, classPath) }]
    : [];

export const CHART_FACTS: Record<string, ChartFacts> = {
  'kube-prometheus-stack': {
    // Prometheus, Alertmanager and Grafana run as chart-named accounts that call no AWS API.
    serviceAccounts: () => [],
    serves: ['ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'Probe', 'AlertmanagerConfig'],
    claims: (release) => [
      ...claimIf(
        release,
        'prometheus.prometheusSpec.storageSpec.volumeClaimTemplate',
        'prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName',
      ),
      ...claimIf(
        release,
        'alertmanager.alertmanagerSpec.storage.volumeClaimTemplate',
        'alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.storageClassName',
      ),
      ...claimIf(release, 'grafana.persistence.enabled', 'grafana.persistence.storageClassName'),
    ],
  },
  'metrics-server': { serviceAccounts: defaultServiceAccount, serves: ['HorizontalPodAutoscaler'] },
  loki: {
    serviceAccounts: defaultServiceAccount,
    awsCaller: (release) =>
      valueAt(release.values, 'loki.storage.type') === 's3' ? defaultServiceAccount(release)[0] : undefined,
    // The single binary keeps its write-ahead log on a volume (persistence is on by default).
    claims: (release) =>
      release.values.deploymentMode === 'SingleBinary' &&
      (valueAt(release.values, 'singleBinary.replicas') ?? 1) > 0 &&
      valueAt(release.values, 'singleBinary.persistence.enabled') !== false
        ? [
            {
              setting: 'singleBinary.persistence',
              storageClassName: valueAt(release.values, 'singleBinary.persistence.storageClass'),
            },
          ]
        : [],
    buckets: (release) =>
      Object.values(valueAt(release.values, 'loki.storage.bucketNames') ?? {}) as string[],
  },
  alloy: { serviceAccounts: defaultServiceAccount },
  tempo: {
    serviceAccounts: defaultServiceAccount,
    awsCaller: (release) =>
      valueAt(release.values, 'tempo.storage.trace.backend') === 's3'
        ? defaultServiceAccount(release)[0]
        : undefined,
    claims: (release) => claimIf(release, 'persistence.enabled', 'persistence.storageClassName'),
    buckets: (release) => [valueAt(release.values, 'tempo.storage.trace.s3.bucket')].filter(Boolean),
  },
  'external-secrets': {
    serviceAccounts: defaultServiceAccount,
    // The controller calls Secrets Manager for every store that uses the AWS provider without
    // credentials of its own.
    awsCaller: (release, manifests) =>
      manifests.some(
        (m) =>
          (m.kind === 'ClusterSecretStore' || m.kind === 'SecretStore') &&
          m.object.spec?.provider?.aws &&
          !m.object.spec.provider.aws.auth,
      )
        ? defaultServiceAccount(release)[0]
        : undefined,
    serves: ['ExternalSecret', 'ClusterExternalSecret', 'SecretStore', 'ClusterSecretStore'],
  },
  'external-dns': {
    serviceAccounts: defaultServiceAccount,
    awsCaller: (release) =>
      (release.values.provider?.name ?? release.values.provider) === 'aws'
        ? defaultServiceAccount(release)[0]
        : undefined,
  },
  'aws-load-balancer-controller': {
    serviceAccounts: defaultServiceAccount,
    awsCaller: (release) => defaultServiceAccount(release)[0],
    serves: ['TargetGroupBinding', 'IngressClassParams'],
    ingressClasses: () => ['alb'],
  },
  karpenter: {
    serviceAccounts: defaultServiceAccount,
    awsCaller: (release) => defaultServiceAccount(release)[0],
    serves: ['NodePool', 'EC2NodeClass', 'NodeClaim'],
  },
  traefik: {
    serviceAccounts: defaultServiceAccount,
    ingressClasses: (release) => [valueAt(release.values, 'ingressClass.name') ?? 'traefik'],
  },
  'cloudnative-pg': {
    serviceAccounts: defaultServiceAccount,
    serves: ['Cluster', 'Pooler', 'ScheduledBackup'],
  },
};

export function factsOf(release: ChartRelease): ChartFacts | undefined {
  return CHART_FACTS[release.chart];
}

/** Every `<key>: { enabled: true }` in a values tree, as dot paths (e.g. `loki.serviceMonitor`). */
export function enabledSections(values: Json, key: string, path = ''): string[] {
  if (values === null || typeof values !== 'object') return [];
  return Object.entries(values).flatMap(([name, child]) => {
    const here = path ? `${path}.${name}` : name;
    const found = name === key && (child as Json)?.enabled === true ? [here] : [];
    return [...found, ...enabledSections(child, key, here)];
  });
}
