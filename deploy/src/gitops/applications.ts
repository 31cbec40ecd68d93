/**
 * The children of the root Application: the cluster folder, one Application per add-on (an
 * ApplicationSet over the cluster generator where values come from cluster metadata), and the
 * service's Applications. Staging prunes and self-heals; production self-heals but never prunes on
 * its own.
 */

import { Application, type IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet';
import { NAMESPACES, REPOSITORY } from '@slipway/contract';
import type { Construct } from 'constructs';
import { type Addon, usesClusterMetadata } from '../addons/addon.js';
import type { Environment } from '../environments/index.js';
import { addObject, type KubernetesModel } from '../objects/kube-object.js';
import { PROJECTS } from '../objects/names.js';
import { LOCAL_DATABASE } from '../service/local-database.js';
import {
  APP_FOLDERS,
  type AppFolder,
  appPath,
  IN_CLUSTER,
  REPOSITORY_SOURCE_LABEL,
  RESOURCES_FINALIZER,
  SYNC_RETRY,
  SYNC_WAVES,
  syncWave,
} from './argocd.js';

type ApplicationSpec = IApplication['spec'];

function syncPolicy(env: Environment, options: string[] = []): ApplicationSpec['syncPolicy'] {
  return {
    automated: { prune: env.gitops.prune, selfHeal: env.gitops.selfHeal },
    syncOptions: ['SkipDryRunOnMissingResource=true', 'PruneLast=true', ...options],
    retry: SYNC_RETRY,
  };
}

function metadata(name: string, wave: number) {
  return {
    name,
    namespace: NAMESPACES.argocd,
    annotations: syncWave(wave),
    finalizers: [RESOURCES_FINALIZER],
  };
}

function addonSpec(env: Environment, addon: Addon, server: string): ApplicationSpec {
  return {
    project: PROJECTS.platform,
    source: {
      repoURL: addon.chart.repoURL,
      chart: addon.chart.chart,
      targetRevision: addon.chart.version,
      helm: {
        releaseName: addon.releaseName,
        valuesObject: addon.values,
        ...(addon.parameters ? { parameters: addon.parameters } : {}),
      },
    },
    destination: { server, namespace: addon.namespace },
    // Server-side apply: several charts ship CRDs larger than client-side apply's annotation limit.
    syncPolicy: syncPolicy(env, ['ServerSideApply=true']),
  };
}

function addonObject(env: Environment, addon: Addon): KubernetesModel {
  if (!usesClusterMetadata(addon)) {
    return new Application({
      metadata: metadata(addon.name, addon.syncWave),
      spec: addonSpec(env, addon, IN_CLUSTER),
    });
  }
  return new ApplicationSet({
    metadata: { name: addon.name, namespace: NAMESPACES.argocd, annotations: syncWave(addon.syncWave) },
    spec: {
      goTemplate: true,
      // A missing annotation stops generation instead of rendering empty values into the chart.
      goTemplateOptions: ['missingkey=error'],
      generators: [
        { clusters: { selector: { matchLabels: { 'argocd.argoproj.io/secret-type': 'cluster' } } } },
      ],
      template: {
        metadata: { name: addon.name, finalizers: [RESOURCES_FINALIZER] },
        spec: addonSpec(env, addon, '{{ .server }}'),
      },
    },
  });
}

/** The HPA owns the Deployment's replica count once it exists. */
const HPA_OWNED_REPLICAS = [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }];

function gitApplication(
  env: Environment,
  folder: AppFolder,
  project: string,
  namespace: string,
  wave: number,
) {
  const hpaScaled = folder === APP_FOLDERS.service;
  return new Application({
    metadata: {
      ...metadata(folder, wave),
      labels: { [REPOSITORY_SOURCE_LABEL.key]: REPOSITORY_SOURCE_LABEL.value },
    },
    spec: {
      project,
      source: {
        repoURL: REPOSITORY.url,
        targetRevision: env.gitops.targetRevision,
        path: appPath(env.name, folder),
      },
      destination: { server: IN_CLUSTER, namespace },
      ...(hpaScaled ? { ignoreDifferences: HPA_OWNED_REPLICAS } : {}),
      syncPolicy: syncPolicy(env, hpaScaled ? ['RespectIgnoreDifferences=true'] : []),
    },
  });
}

export function childApplications(scope: Construct, env: Environment, addons: Addon[]): void {
  const objects: KubernetesModel[] = [
    gitApplication(env, APP_FOLDERS.cluster, PROJECTS.platform, 'kube-system', SYNC_WAVES.cluster),
    ...addons.map((addon) => addonObject(env, addon)),
    ...(env.secrets === 'external-secrets'
      ? [
          gitApplication(
            env,
            APP_FOLDERS.secretStore,
            PROJECTS.platform,
            NAMESPACES.externalSecrets,
            SYNC_WAVES.secretStore,
          ),
        ]
      : []),
    ...(addons.some((addon) => addon.companions?.length)
      ? [
          gitApplication(
            env,
            APP_FOLDERS.platformConfig,
            PROJECTS.platform,
            NAMESPACES.monitoring,
            SYNC_WAVES.platformConfig,
          ),
        ]
      : []),
    gitApplication(env, APP_FOLDERS.config, PROJECTS.service, NAMESPACES.service, SYNC_WAVES.config),
    ...(env.database.kind === 'cloudnative-pg'
      ? [
          gitApplication(
            env,
            APP_FOLDERS.database,
            PROJECTS.service,
            LOCAL_DATABASE.namespace,
            SYNC_WAVES.database,
          ),
        ]
      : []),
    gitApplication(env, APP_FOLDERS.service, PROJECTS.service, NAMESPACES.service, SYNC_WAVES.service),
  ];
  for (const object of objects) addObject(scope, object);
}
