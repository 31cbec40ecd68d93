import { NAMESPACES, SERVICE_ACCOUNTS } from '@slipway/contract';
import { KubeServiceAccount } from 'cdk8s-plus-33/lib/imports/k8s.js';
import type { Construct } from 'constructs';
import { SERVICE_LABELS } from '../names.js';

/**
 * One ServiceAccount per workload, no API token mounted (neither talks to the Kubernetes API). AWS
 * Pod Identity binds IAM roles to these names (infra/), so no annotation is needed here.
 */
export function serviceAccounts(scope: Construct): void {
  for (const name of [SERVICE_ACCOUNTS.service, SERVICE_ACCOUNTS.migrations]) {
    new KubeServiceAccount(scope, `service-account-${name}`, {
      metadata: { name, namespace: NAMESPACES.service, labels: { ...SERVICE_LABELS } },
      automountServiceAccountToken: false,
    });
  }
}
