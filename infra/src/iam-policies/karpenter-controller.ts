/**
 * Karpenter's controller policy, statement for statement the one of Karpenter's getting-started
 * CloudFormation template (website/content/en/docs/getting-started/getting-started-with-karpenter/
 * cloudformation.yaml of aws/karpenter-provider-aws, v1 API): node lifecycle, instance profiles,
 * the API endpoint lookup, the interruption queue and resource discovery. Every mutation is scoped by
 * the cluster's ownership tags, so the controller can launch, tag and terminate only the nodes of
 * this cluster. It matches the Karpenter chart deploy/ pins (deploy/src/addons/chart-versions.ts):
 * upgrade both together.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { wildcardFindings } from '../compliance/acknowledge.js';

export interface KarpenterPolicyScope {
  partition: string;
  region: string;
  account: string;
  clusterName: string;
  nodeRoleArn: string;
  interruptionQueueArn: string;
}

type Statement = Record<string, unknown>;

function nodeLifecycle({ partition, region, clusterName }: KarpenterPolicyScope): Statement[] {
  const ec2 = (resource: string) => `arn:${partition}:ec2:${region}:${resource}`;
  const owned = { [`aws:ResourceTag/kubernetes.io/cluster/${clusterName}`]: 'owned' };
  const requestOwned = {
    [`aws:RequestTag/kubernetes.io/cluster/${clusterName}`]: 'owned',
    'aws:RequestTag/eks:eks-cluster-name': clusterName,
  };
  const launched = [
    'fleet',
    'instance',
    'volume',
    'network-interface',
    'launch-template',
    'spot-instances-request',
  ].map((type) => ec2(`*:${type}/*`));
  return [
    {
      Sid: 'AllowScopedEC2InstanceAccessActions',
      Effect: 'Allow',
      Resource: [
        ec2(':image/*'),
        ec2(':snapshot/*'),
        ec2('*:security-group/*'),
        ec2('*:subnet/*'),
        ec2('*:capacity-reservation/*'),
      ],
      Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
    },
    {
      Sid: 'AllowScopedEC2LaunchTemplateAccessActions',
      Effect: 'Allow',
      Resource: ec2('*:launch-template/*'),
      Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
      Condition: { StringEquals: owned, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
    },
    {
      Sid: 'AllowScopedEC2InstanceActionsWithTags',
      Effect: 'Allow',
      Resource: launched,
      Action: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
      Condition: { StringEquals: requestOwned, StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' } },
    },
    {
      Sid: 'AllowScopedResourceCreationTagging',
      Effect: 'Allow',
      Resource: launched,
      Action: 'ec2:CreateTags',
      Condition: {
        StringEquals: {
          ...requestOwned,
          'ec2:CreateAction': ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'],
        },
        StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
      },
    },
    {
      Sid: 'AllowScopedResourceTagging',
      Effect: 'Allow',
      Resource: ec2('*:instance/*'),
      Action: 'ec2:CreateTags',
      Condition: {
        StringEquals: owned,
        StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
        StringEqualsIfExists: { 'aws:RequestTag/eks:eks-cluster-name': clusterName },
        'ForAllValues:StringEquals': {
          'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'],
        },
      },
    },
    {
      Sid: 'AllowScopedDeletion',
      Effect: 'Allow',
      Resource: [ec2('*:instance/*'), ec2('*:launch-template/*')],
      Action: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
      Condition: { StringEquals: owned, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
    },
  ];
}

function instanceProfiles({
  partition,
  region,
  account,
  clusterName,
  nodeRoleArn,
}: KarpenterPolicyScope): Statement[] {
  const profiles = `arn:${partition}:iam::${account}:instance-profile/*`;
  const ownedInRegion = (kind: 'Resource' | 'Request') => ({
    [`aws:${kind}Tag/kubernetes.io/cluster/${clusterName}`]: 'owned',
    [`aws:${kind}Tag/topology.kubernetes.io/region`]: region,
  });
  return [
    {
      Sid: 'AllowPassingInstanceRole',
      Effect: 'Allow',
      Resource: nodeRoleArn,
      Action: 'iam:PassRole',
      Condition: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] } },
    },
    {
      Sid: 'AllowScopedInstanceProfileCreationActions',
      Effect: 'Allow',
      Resource: profiles,
      Action: ['iam:CreateInstanceProfile'],
      Condition: {
        StringEquals: { ...ownedInRegion('Request'), 'aws:RequestTag/eks:eks-cluster-name': clusterName },
        StringLike: { 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    },
    {
      Sid: 'AllowScopedInstanceProfileTagActions',
      Effect: 'Allow',
      Resource: profiles,
      Action: ['iam:TagInstanceProfile'],
      Condition: {
        StringEquals: {
          ...ownedInRegion('Resource'),
          ...ownedInRegion('Request'),
          'aws:RequestTag/eks:eks-cluster-name': clusterName,
        },
        StringLike: {
          'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*',
          'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*',
        },
      },
    },
    {
      Sid: 'AllowScopedInstanceProfileActions',
      Effect: 'Allow',
      Resource: profiles,
      Action: [
        'iam:AddRoleToInstanceProfile',
        'iam:RemoveRoleFromInstanceProfile',
        'iam:DeleteInstanceProfile',
      ],
      Condition: {
        StringEquals: ownedInRegion('Resource'),
        StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    },
  ];
}

function discoveryAndQueue(scope: KarpenterPolicyScope): Statement[] {
  const { partition, region, account, clusterName, interruptionQueueArn } = scope;
  return [
    {
      Sid: 'AllowAPIServerEndpointDiscovery',
      Effect: 'Allow',
      Resource: `arn:${partition}:eks:${region}:${account}:cluster/${clusterName}`,
      Action: 'eks:DescribeCluster',
    },
    {
      Sid: 'AllowInterruptionQueueActions',
      Effect: 'Allow',
      Resource: interruptionQueueArn,
      Action: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
    },
    {
      Sid: 'AllowRegionalReadActions',
      Effect: 'Allow',
      Resource: '*',
      Action: [
        'ec2:DescribeCapacityReservations',
        'ec2:DescribeImages',
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceTypeOfferings',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplates',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSpotPriceHistory',
        'ec2:DescribeSubnets',
      ],
      Condition: { StringEquals: { 'aws:RequestedRegion': region } },
    },
    {
      Sid: 'AllowSSMReadActions',
      Effect: 'Allow',
      Resource: `arn:${partition}:ssm:${region}::parameter/aws/service/*`,
      Action: 'ssm:GetParameter',
    },
    { Sid: 'AllowPricingReadActions', Effect: 'Allow', Resource: '*', Action: 'pricing:GetProducts' },
    {
      Sid: 'AllowUnscopedInstanceProfileListAction',
      Effect: 'Allow',
      Resource: '*',
      Action: 'iam:ListInstanceProfiles',
    },
    {
      Sid: 'AllowInstanceProfileReadActions',
      Effect: 'Allow',
      Resource: `arn:${partition}:iam::${account}:instance-profile/*`,
      Action: 'iam:GetInstanceProfile',
    },
  ];
}

function document(scope: KarpenterPolicyScope) {
  return {
    Version: '2012-10-17',
    Statement: [...nodeLifecycle(scope), ...instanceProfiles(scope), ...discoveryAndQueue(scope)],
  };
}

export function karpenterControllerPolicy(scope: KarpenterPolicyScope): iam.PolicyDocument {
  return iam.PolicyDocument.fromJson(document(scope));
}

/**
 * The cdk-nag wildcard findings of that policy for a stack in `region`/`account` (cdk-nag prints
 * the partition as `<AWS::Partition>`), acknowledged where the role is created.
 */
export function karpenterControllerWildcards(scope: Omit<KarpenterPolicyScope, 'partition'>): string[] {
  return wildcardFindings(document({ ...scope, partition: '<AWS::Partition>' }) as never);
}
