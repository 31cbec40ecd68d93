import { NAMESPACES, SERVICE_ACCOUNTS } from '@slipway/contract';
import type { Construct } from 'constructs';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { addObject } from '../objects/kube-object.js';
import { SERVICE_LABELS } from '../objects/names.js';

/**
 * One ServiceAccount per workload, no API token mounted (neither talks to the Kubernetes API). AWS
 * Pod Identity binds IAM roles to these names (infra/), so no annotation is needed here.
 */
export function serviceAccounts(scope: Construct): void {
  for (const name of [SERVICE_ACCOUNTS.service, SERVICE_ACCOUNTS.migrations]) {
    addObject(
      scope,
      new ServiceAccount({
        metadata: { name, namespace: NAMESPACES.service, labels: { ...SERVICE_LABELS } },
        automountServiceAccountToken: false,
      }),
    );
  }
}
