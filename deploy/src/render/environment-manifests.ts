/**
 * Builds one environment: a cdk8s Chart per ArgoCD Application folder, synthesized to plain
 * objects. Names are stable (no hashes): every object names itself.
 */
import { App, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { addonsOf } from '../addons/index.js';
import {
  type Environment,
  type EnvironmentName,
  environments,
  type Releases,
} from '../environments/index.js';
import { childApplications } from '../gitops/applications.js';
import { APP_FOLDERS, type AppFolder } from '../gitops/argocd.js';
import { clusterFolder, platformConfigFolder, secretStoreFolder } from '../gitops/cluster-folder.js';
import { appProjects } from '../gitops/projects.js';
import type { KubeObject } from '../objects/kube-object.js';
import { serviceAutoscaler, serviceDisruptionBudget } from '../service/autoscaling.js';
import { serviceConfigMap } from '../service/config-map.js';
import { databaseFolder } from '../service/database-folder.js';
import { serviceDeployment } from '../service/deployment.js';
import { serviceIngress } from '../service/ingress.js';
import { migrationJob } from '../service/migration-job.js';
import { serviceMonitoring } from '../service/monitoring.js';
import { serviceNetworkPolicies } from '../service/network-policies.js';
import { serviceSecrets } from '../service/secrets.js';
import { serviceService } from '../service/service.js';
import { serviceAccounts } from '../service/service-accounts.js';

/** An environment's objects by Application folder, in the order they were built. */
export type EnvironmentManifests = Map<AppFolder, KubeObject[]>;

export interface RenderedEnvironment {
  name: EnvironmentName;
  manifests: EnvironmentManifests;
}

/** Every environment with the image digests of `releases` (the committed src/releases.ts or a promotion's). */
export function renderEnvironments(releases: Releases): RenderedEnvironment[] {
  return environments(releases).map((env) => ({ name: env.name, manifests: environmentManifests(env) }));
}

export function environmentManifests(env: Environment): EnvironmentManifests {
  const app = new App();
  const addons = addonsOf(env);
  const folders = new Map<AppFolder, (scope: Construct) => void>([
    [
      APP_FOLDERS.root,
      (scope) => {
        appProjects(scope, env, addons);
        childApplications(scope, env, addons);
      },
    ],
    [APP_FOLDERS.cluster, (scope) => clusterFolder(scope, env, addons)],
    [
      APP_FOLDERS.config,
      (scope) => {
        serviceAccounts(scope);
        serviceConfigMap(scope, env);
        serviceSecrets(scope, env);
        serviceNetworkPolicies(scope, env);
      },
    ],
    [
      APP_FOLDERS.service,
      (scope) => {
        migrationJob(scope, env);
        serviceDeployment(scope, env);
        serviceService(scope);
        serviceIngress(scope, env);
        serviceAutoscaler(scope, env);
        serviceDisruptionBudget(scope);
        serviceMonitoring(scope);
      },
    ],
  ]);
  if (env.database.kind === 'cloudnative-pg') {
    folders.set(APP_FOLDERS.database, (scope) => databaseFolder(scope, env));
  }
  if (env.secrets === 'external-secrets') {
    folders.set(APP_FOLDERS.secretStore, (scope) => secretStoreFolder(scope, env));
  }
  if (addons.some((addon) => addon.companions?.length)) {
    folders.set(APP_FOLDERS.platformConfig, (scope) => platformConfigFolder(scope, addons));
  }

  const result: EnvironmentManifests = new Map();
  for (const [folder, build] of folders) {
    const chart = new Chart(app, `${env.name}-${folder}`, { disableResourceNameHashes: true });
    build(chart);
    result.set(folder, chart.toJson() as KubeObject[]);
  }
  return result;
}
