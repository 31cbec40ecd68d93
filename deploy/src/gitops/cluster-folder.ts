/**
 * The cluster folder: every namespace the platform and the service use, each with its Pod Security
 * level, and the StorageClasses. The secret-store folder (AWS): the ClusterSecretStore External
 * Secrets reads Secrets Manager through, in a later wave than the chart that brings its CRD. The
 * platform-config folder: what the add-ons bring besides their charts (their companions).
 */

import { ClusterSecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore';
import { NAMESPACES } from '@slipway/contract';
import type { Construct } from 'constructs';
import { type Addon, storageClasses } from '../addons/index.js';
import type { Environment } from '../environments/index.js';
import { addObject } from '../objects/kube-object.js';
import { CLUSTER_SECRET_STORE } from '../objects/names.js';
import { podSecurityNamespace } from '../objects/namespace.js';
import { serviceNamespaces } from './projects.js';

export function clusterFolder(scope: Construct, env: Environment, addons: Addon[]): void {
  const namespaces = new Map<string, Addon | undefined>();
  for (const name of serviceNamespaces(env)) namespaces.set(name, undefined);
  for (const addon of addons) if (addon.ownsNamespace) namespaces.set(addon.namespace, addon);
  for (const [name, addon] of [...namespaces].sort(([a], [b]) => a.localeCompare(b))) {
    podSecurityNamespace(scope, name, addon?.podSecurity ?? 'restricted', addon?.namespaceWaivers ?? []);
  }
  for (const storageClass of storageClasses(env)) addObject(scope, storageClass);
}

export function platformConfigFolder(scope: Construct, addons: Addon[]): void {
  for (const addon of addons) for (const object of addon.companions ?? []) addObject(scope, object);
}

export function secretStoreFolder(scope: Construct, env: Environment): void {
  if (env.secrets === 'external-secrets') {
    if (!env.aws) throw new Error(`environment ${env.name}: External Secrets needs the AWS names`);
    const store = new ClusterSecretStore({
      metadata: { name: CLUSTER_SECRET_STORE },
      spec: {
        // Credentials come from the controller's ServiceAccount through Pod Identity; its IAM
        // policy (infra/) allows only this environment's secret prefix.
        provider: { aws: { service: 'SecretsManager', region: env.aws.region } },
        // The service's secrets, and the monitoring add-on's (Alertmanager receivers, Grafana admin).
        conditions: [{ namespaces: [NAMESPACES.service, NAMESPACES.monitoring] }],
      },
    });
    addObject(scope, store);
  }
}
