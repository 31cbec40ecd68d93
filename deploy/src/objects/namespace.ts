import type { Construct } from 'constructs';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { addObject } from './kube-object.js';
import { type Waiver, waiverAnnotations } from './waivers.js';

export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

/** A namespace with Pod Security Admission enforcing `level` (warn and audit at restricted). */
export function podSecurityNamespace(
  scope: Construct,
  name: string,
  level: PodSecurityLevel,
  waivers: readonly Waiver[] = [],
): void {
  addObject(
    scope,
    new Namespace({
      metadata: {
        name,
        labels: {
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        },
        ...(waivers.length > 0 ? { annotations: waiverAnnotations(waivers) } : {}),
      },
    }),
  );
}
