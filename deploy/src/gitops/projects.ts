/**
 * Two AppProjects per cluster. `slipway` may deploy only this repository's rendered manifests, only
 * into the service's namespaces, only the kinds the service uses, and nothing cluster-scoped.
 * `platform` may deploy the pinned add-on charts and the cluster folder into the add-on namespaces.
 */

import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { NAMESPACES, REPOSITORY } from '@slipway/contract';
import type { Construct } from 'constructs';
import type { Addon } from '../addons/index.js';
import type { Environment } from '../environments/index.js';
import { addObject } from '../objects/kube-object.js';
import { PROJECTS } from '../objects/names.js';
import { LOCAL_DATABASE } from '../service/local-database.js';
import { IN_CLUSTER } from './argocd.js';

/** Every namespaced kind the service's Applications may create (the checks keep this list honest). */
export const SERVICE_KINDS = [
  { group: '', kind: 'ConfigMap' },
  { group: '', kind: 'Secret' },
  { group: '', kind: 'ServiceAccount' },
  { group: '', kind: 'Service' },
  { group: 'apps', kind: 'Deployment' },
  { group: 'batch', kind: 'Job' },
  { group: 'networking.k8s.io', kind: 'Ingress' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
  { group: 'policy', kind: 'PodDisruptionBudget' },
  { group: 'monitoring.coreos.com', kind: 'ServiceMonitor' },
  { group: 'monitoring.coreos.com', kind: 'PrometheusRule' },
  { group: 'external-secrets.io', kind: 'ExternalSecret' },
  { group: 'postgresql.cnpg.io', kind: 'Cluster' },
] as const;

export function serviceNamespaces(env: Environment): string[] {
  return env.database.kind === 'cloudnative-pg'
    ? [NAMESPACES.service, LOCAL_DATABASE.namespace]
    : [NAMESPACES.service];
}

export function appProjects(scope: Construct, env: Environment, addons: Addon[]): void {
  const service = new AppProject({
    metadata: { name: PROJECTS.service, namespace: NAMESPACES.argocd },
    spec: {
      description: 'The Slipway service: rendered manifests from this repository only.',
      sourceRepos: [REPOSITORY.url],
      destinations: serviceNamespaces(env).map((namespace) => ({ server: IN_CLUSTER, namespace })),
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: SERVICE_KINDS.map((k) => ({ ...k })),
      orphanedResources: { warn: true },
    },
  });
  const addonNamespaces = [...new Set(addons.map((a) => a.namespace))].sort();
  const platform = new AppProject({
    metadata: { name: PROJECTS.platform, namespace: NAMESPACES.argocd },
    spec: {
      description: 'Cluster add-ons: pinned upstream Helm charts and the cluster folder of this repository.',
      sourceRepos: [REPOSITORY.url, ...new Set(addons.map((a) => a.chart.repoURL))],
      destinations: addonNamespaces.map((namespace) => ({ server: IN_CLUSTER, namespace })),
      // Charts install CRDs, ClusterRoles and webhooks; the cluster folder creates namespaces.
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  });
  for (const project of [service, platform]) addObject(scope, project);
}
