/** ArgoCD conventions shared by the projects and applications. */
import { MANIFESTS_ROOT, SERVICE_NAME } from '@slipway/contract';
import type { EnvironmentName } from '../environments/index.js';
import { LABEL_DOMAIN } from '../objects/names.js';

export const IN_CLUSTER = 'https://kubernetes.default.svc';

/** Folders of deploy/manifests/<env>/: each is one ArgoCD Application of the same name. */
export const APP_FOLDERS = {
  root: 'root',
  cluster: 'cluster',
  secretStore: 'secret-store',
  platformConfig: 'platform-config',
  config: `${SERVICE_NAME}-config`,
  database: 'database',
  service: SERVICE_NAME,
} as const;
export type AppFolder = (typeof APP_FOLDERS)[keyof typeof APP_FOLDERS];

export function appPath(env: EnvironmentName, folder: AppFolder): string {
  return `${MANIFESTS_ROOT}/${env}/${folder}`;
}

/**
 * Label on the child Applications that read this repository (not a chart): the local cluster's
 * root Application points exactly these at the revision under test.
 */
export const REPOSITORY_SOURCE_LABEL = { key: `${LABEL_DOMAIN}/source`, value: 'repository' } as const;

export const syncWave = (wave: number) => ({ 'argocd.argoproj.io/sync-wave': String(wave) });

/** Deleting an Application deletes what it deployed (not just the Application object). */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/** Retry with backoff: a child may sync before the CRDs or namespaces it needs exist. */
export const SYNC_RETRY = { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } };

/**
 * cluster (namespaces, StorageClasses) → add-ons (-10 … -4) → secret-store (needs the External
 * Secrets CRDs) → platform-config (the add-ons' own ExternalSecrets and custom resources) → config
 * → database → kube-prometheus-stack (5: its Alertmanager and Grafana need platform-config's
 * Secrets) → service. With Application health enabled in ArgoCD each wave waits for the previous
 * one to be Healthy, so nothing may sit in a wave before what it depends on.
 */
export const SYNC_WAVES = {
  cluster: -20,
  secretStore: -1,
  platformConfig: 0,
  config: 0,
  database: 0,
  service: 10,
} as const;
