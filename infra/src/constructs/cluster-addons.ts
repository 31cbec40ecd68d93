import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct, type IDependable } from 'constructs';
import { EKS_ADDON_VERSIONS, type EksAddonName } from '../config/eks-addon-versions.js';
import { type PodIdentityRole, podIdentityAssociationOf } from './pod-identity-role.js';

export interface ClusterAddonsProps {
  cluster: eks.Cluster;
  /** Add-ons whose pods must schedule before EKS reports them active wait for these nodes. */
  nodes: IDependable;
  /** The EBS CSI controller's identity (volumes are created and attached through the EC2 API). */
  ebsCsiController: PodIdentityRole;
}

/**
 * The EKS managed add-ons, every one at a pinned version (config/eks-addon-versions.ts):
 * - VPC CNI with its network policy agent, so the NetworkPolicies deploy/ ships are enforced;
 *   without `enableNetworkPolicy` the API server accepts them and nothing applies them.
 * - kube-proxy and CoreDNS, which EKS installs unmanaged when it creates the cluster; adopting
 *   them lets this stack upgrade them with the cluster.
 * - the Pod Identity agent (created by aws-cdk-lib for the first association), pinned here too.
 * - the EBS CSI driver, the provisioner behind deploy/'s gp3 StorageClass: without it every
 *   PersistentVolumeClaim (Prometheus, Alertmanager, Loki, Tempo) stays Pending.
 */
export class ClusterAddons extends Construct {
  readonly addons: Record<EksAddonName, eks.IAddon>;

  constructor(scope: Construct, id: string, props: ClusterAddonsProps) {
    super(scope, id);
    const { cluster, nodes } = props;
    const managed = (name: EksAddonName, configurationValues?: Record<string, unknown>) => {
      const addon = new eks.Addon(this, name, {
        cluster,
        addonName: name,
        addonVersion: EKS_ADDON_VERSIONS[name],
        ...(configurationValues ? { configurationValues } : {}),
      });
      (addon.node.defaultChild as eks.CfnAddon).resolveConflicts = 'OVERWRITE';
      return addon;
    };

    // The schema of the vpc-cni add-on takes the flag as a string.
    const vpcCni = managed('vpc-cni', { enableNetworkPolicy: 'true' });
    const kubeProxy = managed('kube-proxy');
    const coredns = managed('coredns');
    coredns.node.addDependency(nodes);

    const ebsCsiDriver = managed('aws-ebs-csi-driver');
    const ebsCsi = ebsCsiDriver.node.defaultChild as eks.CfnAddon;
    ebsCsi.podIdentityAssociations = [podIdentityAssociationOf(props.ebsCsiController)];
    ebsCsiDriver.node.addDependency(nodes);

    const podIdentityAgent = cluster.eksPodIdentityAgent;
    if (podIdentityAgent === undefined) throw new Error('the cluster has no Pod Identity agent add-on');
    (podIdentityAgent.node.defaultChild as eks.CfnAddon).addonVersion =
      EKS_ADDON_VERSIONS['eks-pod-identity-agent'];
    // The driver's association is only usable once the agent runs on the nodes.
    ebsCsiDriver.node.addDependency(podIdentityAgent);

    this.addons = {
      'vpc-cni': vpcCni,
      'kube-proxy': kubeProxy,
      coredns,
      'eks-pod-identity-agent': podIdentityAgent,
      'aws-ebs-csi-driver': ebsCsiDriver,
    };
  }
}
