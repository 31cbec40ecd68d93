/**
 * What the EKS managed add-ons infra/ installs provide inside the cluster: the volume provisioners
 * they serve and the ServiceAccounts they create (so an association with one of those is not an
 * association without a ServiceAccount).
 */
import { NAMESPACES, SERVICE_ACCOUNTS } from '@slipway/contract';
import { type InfraTemplates, resourcesOfType } from './infra-templates.js';

interface AddonFacts {
  provisioners?: string[];
  serviceAccounts?: { namespace: string; name: string }[];
  /** Where EKS installs the add-on (and so where its associations apply). */
  namespace: string;
}

export const EKS_ADDON_FACTS: Record<string, AddonFacts> = {
  'aws-ebs-csi-driver': {
    namespace: NAMESPACES.ebsCsiDriver,
    provisioners: ['ebs.csi.aws.com'],
    serviceAccounts: [{ namespace: NAMESPACES.ebsCsiDriver, name: SERVICE_ACCOUNTS.ebsCsiController }],
  },
  'vpc-cni': { namespace: 'kube-system', serviceAccounts: [{ namespace: 'kube-system', name: 'aws-node' }] },
  'kube-proxy': {
    namespace: 'kube-system',
    serviceAccounts: [{ namespace: 'kube-system', name: 'kube-proxy' }],
  },
  coredns: { namespace: 'kube-system', serviceAccounts: [{ namespace: 'kube-system', name: 'coredns' }] },
  'eks-pod-identity-agent': { namespace: 'kube-system' },
};

/** The names of the EKS add-ons in the environment's templates. */
export function installedAddons(templates: InfraTemplates): string[] {
  return resourcesOfType(templates, 'AWS::EKS::Addon').map((r) => r.properties.AddonName as string);
}
