import { OCI_HELM_REPOSITORIES } from '@slipway/contract';

/**
 * Upstream Helm charts of the cluster add-ons, pinned. One line per chart in the form
 * `<key>: { repoURL: '...', chart: '...', version: 'x.y.z' }` so a dependency bot's regex manager
 * (datasource helm, registryUrl = repoURL, depName = chart) can bump them; `npm run render` then
 * re-renders the Applications.
 */
export interface HelmChart {
  repoURL: string;
  chart: string;
  version: string;
}

// biome-ignore format: one line per chart keeps the dependency bot's regex simple
export const CHARTS = {
  kubePrometheusStack: { repoURL: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '87.21.0' },
  metricsServer: { repoURL: 'https://kubernetes-sigs.github.io/metrics-server', chart: 'metrics-server', version: '3.14.0' },
  loki: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'loki', version: '6.55.0' },
  alloy: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'alloy', version: '1.4.0' },
  tempo: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'tempo', version: '1.24.4' },
  externalSecrets: { repoURL: 'https://charts.external-secrets.io', chart: 'external-secrets', version: '1.1.1' },
  externalDns: { repoURL: 'https://kubernetes-sigs.github.io/external-dns', chart: 'external-dns', version: '1.19.0' },
  awsLoadBalancerController: { repoURL: 'https://aws.github.io/eks-charts', chart: 'aws-load-balancer-controller', version: '1.17.1' },
  traefik: { repoURL: 'https://traefik.github.io/charts', chart: 'traefik', version: '39.0.5' },
  cloudnativePg: { repoURL: 'https://cloudnative-pg.github.io/charts', chart: 'cloudnative-pg', version: '0.29.1' },
  // An OCI chart: the bot reads the comment above the line (datasource docker, the chart's image name).
  // renovate: datasource=docker depName=public.ecr.aws/karpenter/karpenter
  karpenter: { repoURL: OCI_HELM_REPOSITORIES.karpenter, chart: 'karpenter', version: '1.14.1' },
} as const satisfies Record<string, HelmChart>;
