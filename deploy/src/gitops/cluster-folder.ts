/**
 * The cluster folder: every namespace the platform and the service use, each with its Pod Security
 * level. The secret-store folder (AWS): the ClusterSecretStore External Secrets reads Secrets Manager
 * through, in a later wave than the chart that brings its CRD.
 */

import { ClusterSecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore';
import { NAMESPACES } from '@slipway/contract';
import type { Construct } from 'constructs';
import type { Addon } from '../addons/index.js';
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
        conditions: [{ namespaces: [NAMESPACES.service] }],
      },
    });
    addObject(scope, store);
  }
}
