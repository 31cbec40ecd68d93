import { Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface PodIdentityRoleProps {
  cluster: eks.Cluster;
  namespace: string;
  serviceAccount: string;
  /** What the pods may do; omit for an identity with no AWS permissions yet. */
  policy?: iam.PolicyDocument;
  /** AWS managed policies, only where AWS maintains the policy with the software (EKS add-ons). */
  managedPolicies?: iam.IManagedPolicy[];
  /**
   * `standalone` (default): an AWS::EKS::PodIdentityAssociation here. `addon`: the EKS add-on that
   * creates the ServiceAccount declares the association itself (see podIdentityAssociationOf).
   */
  association?: 'standalone' | 'addon';
}

/**
 * An IAM role that only pods of one ServiceAccount in one namespace of this cluster can assume
 * (EKS Pod Identity session tags checked in the trust policy), and its Pod Identity association.
 */
export class PodIdentityRole extends Construct {
  readonly role: iam.Role;
  readonly association?: eks.CfnPodIdentityAssociation;
  readonly serviceAccount: string;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    const { cluster, namespace, serviceAccount } = props;
    this.serviceAccount = serviceAccount;
    this.role = new iam.Role(this, 'Role', {
      description: `EKS Pod Identity of ${namespace}/${serviceAccount} on ${cluster.clusterName}`,
      assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Stack.of(this).account,
            'aws:RequestTag/eks-cluster-name': cluster.clusterName,
            'aws:RequestTag/kubernetes-namespace': namespace,
            'aws:RequestTag/kubernetes-service-account': serviceAccount,
          },
        },
      }).withSessionTags(),
      ...(props.policy ? { inlinePolicies: { access: props.policy } } : {}),
      ...(props.managedPolicies ? { managedPolicies: props.managedPolicies } : {}),
    });
    if (props.association === 'addon') return;
    this.association = new eks.CfnPodIdentityAssociation(this, 'Association', {
      clusterName: cluster.clusterName,
      namespace,
      serviceAccount,
      roleArn: this.role.roleArn,
    });
    // The agent on each node hands out the credentials; associations are useless without it.
    const agent = cluster.eksPodIdentityAgent;
    if (agent) this.association.node.addDependency(agent);
  }
}

/** The entry an EKS add-on's `PodIdentityAssociations` needs for this role. */
export function podIdentityAssociationOf(
  identity: PodIdentityRole,
): eks.CfnAddon.PodIdentityAssociationProperty {
  return { roleArn: identity.role.roleArn, serviceAccount: identity.serviceAccount };
}
