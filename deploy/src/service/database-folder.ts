/**
 * Local only: a one-instance CloudNativePG cluster for the service, bootstrapped with the local
 * credentials, reachable only from the service's namespace and the operator.
 */

import { Cluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import { NAMESPACES } from '@slipway/contract';
import type { Construct } from 'constructs';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Secret } from 'kubernetes-models/v1/Secret';
import type { Environment } from '../environments/index.js';
import { addObject } from '../objects/kube-object.js';
import { LOCAL_NAMESPACES } from '../objects/names.js';
import { waiverAnnotations } from '../objects/waivers.js';
import { LOCAL_DATABASE } from './local-database.js';

/** Port of the CloudNativePG instance manager's status endpoint (the operator polls it). */
const CNPG_STATUS_PORT = 8000;

export function databaseFolder(scope: Construct, env: Environment): void {
  if (env.database.kind !== 'cloudnative-pg') return;
  addObject(
    scope,
    new Secret({
      metadata: {
        name: LOCAL_DATABASE.credentialsSecret,
        namespace: LOCAL_DATABASE.namespace,
        annotations: waiverAnnotations([
          {
            check: 'secret-in-git',
            reason: 'local kind cluster only: throwaway database password, no real data',
          },
        ]),
      },
      type: 'kubernetes.io/basic-auth',
      stringData: { username: LOCAL_DATABASE.owner, password: LOCAL_DATABASE.password },
    }),
  );
  addObject(
    scope,
    new Cluster({
      metadata: { name: LOCAL_DATABASE.cluster, namespace: LOCAL_DATABASE.namespace },
      spec: {
        instances: env.database.instances,
        storage: { size: env.database.storage },
        bootstrap: {
          initdb: {
            database: LOCAL_DATABASE.database,
            owner: LOCAL_DATABASE.owner,
            secret: { name: LOCAL_DATABASE.credentialsSecret },
          },
        },
      },
    }),
  );
  const namespaceSelector = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
  addObject(
    scope,
    new NetworkPolicy({
      metadata: {
        name: 'allow-postgresql-from-service',
        namespace: LOCAL_DATABASE.namespace,
        annotations: waiverAnnotations([
          {
            check: 'network-policy-egress',
            reason:
              'the instance manager talks to the API server, whose address a NetworkPolicy cannot select on kind',
          },
        ]),
      },
      spec: {
        podSelector: { matchLabels: { ...LOCAL_DATABASE.podLabels } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ namespaceSelector: namespaceSelector(NAMESPACES.service) }],
            ports: [{ protocol: 'TCP', port: LOCAL_DATABASE.port }],
          },
          {
            from: [{ namespaceSelector: namespaceSelector(LOCAL_NAMESPACES.cnpgOperator) }],
            ports: [
              { protocol: 'TCP', port: CNPG_STATUS_PORT },
              { protocol: 'TCP', port: LOCAL_DATABASE.port },
            ],
          },
        ],
      },
    }),
  );
}
