import { type AwsEnvironmentNames, NAMESPACES, SERVICE_ACCOUNTS } from '@slipway/contract';
import { Duration, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, managedPolicyFinding } from '../compliance/acknowledge.js';
import {
  karpenterControllerPolicy,
  karpenterControllerWildcards,
} from '../iam-policies/karpenter-controller.js';
import { PodIdentityRole } from './pod-identity-role.js';

/** EC2 and AWS Health events that announce a node going away; Karpenter drains it first. */
const INTERRUPTION_EVENTS = {
  ScheduledChange: { source: ['aws.health'], detailType: ['AWS Health Event'] },
  SpotInterruption: { source: ['aws.ec2'], detailType: ['EC2 Spot Instance Interruption Warning'] },
  Rebalance: { source: ['aws.ec2'], detailType: ['EC2 Instance Rebalance Recommendation'] },
  InstanceStateChange: { source: ['aws.ec2'], detailType: ['EC2 Instance State-change Notification'] },
} as const;

const NODE_POLICIES = [
  'AmazonEKSWorkerNodePolicy',
  'AmazonEKS_CNI_Policy',
  'AmazonEC2ContainerRegistryPullOnly',
];

export interface KarpenterInfrastructureProps {
  cluster: eks.Cluster;
  names: AwsEnvironmentNames;
}

/**
 * What Karpenter needs from AWS: the role of the nodes it launches (allowed to join the cluster by
 * an EC2_LINUX access entry), the queue of interruption events, and the controller's own identity
 * (Pod Identity, Karpenter's upstream policy scoped to this cluster). The NodePool and EC2NodeClass
 * are Kubernetes objects, rendered by deploy/; the nodes find the private subnets by the
 * KARPENTER_DISCOVERY_TAG the network stack puts on them.
 */
export class KarpenterInfrastructure extends Construct {
  readonly nodeRole: iam.Role;
  readonly interruptionQueue: sqs.Queue;
  readonly controller: PodIdentityRole;

  constructor(scope: Construct, id: string, props: KarpenterInfrastructureProps) {
    super(scope, id);
    const { cluster, names } = props;
    const stack = Stack.of(this);

    this.nodeRole = new iam.Role(this, 'NodeRole', {
      roleName: names.karpenter.nodeRole,
      description: `Nodes Karpenter launches for ${names.clusterName}`,
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: NODE_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    acknowledge(
      this.nodeRole,
      NODE_POLICIES.map(managedPolicyFinding),
      'The node role needs exactly the AWS managed node policies EKS documents for worker nodes (pull-only ECR access); AWS keeps them in step with EKS. Pods cannot use them: the EC2NodeClass limits IMDS to one hop.',
    );
    new eks.AccessEntry(this, 'NodeAccess', {
      cluster,
      principal: this.nodeRole.roleArn,
      accessEntryType: eks.AccessEntryType.EC2_LINUX,
      accessPolicies: [],
    });

    this.interruptionQueue = new sqs.Queue(this, 'InterruptionQueue', {
      queueName: names.karpenter.interruptionQueue,
      // An interruption warning is worth acting on for two minutes; older ones only mislead.
      retentionPeriod: Duration.minutes(5),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    acknowledge(
      this.interruptionQueue,
      ['AwsSolutions-SQS3', 'cdk-validator-cfnguard::sqs_dlq_check'],
      'Interruption events expire within minutes and Karpenter reconciles from the EC2 API anyway; a dead-letter queue would only keep stale warnings about nodes that are gone.',
    );
    for (const [name, pattern] of Object.entries(INTERRUPTION_EVENTS)) {
      new events.Rule(this, `${name}Rule`, {
        description: `${pattern.detailType[0]} → Karpenter's interruption queue of ${names.clusterName}`,
        eventPattern: { source: [...pattern.source], detailType: [...pattern.detailType] },
        targets: [new targets.SqsQueue(this.interruptionQueue)],
      });
    }

    const scope_ = {
      region: stack.region,
      account: stack.account,
      clusterName: names.clusterName,
      nodeRoleArn: this.nodeRole.roleArn,
      interruptionQueueArn: this.interruptionQueue.queueArn,
    };
    this.controller = new PodIdentityRole(this, 'Controller', {
      cluster,
      namespace: NAMESPACES.karpenter,
      serviceAccount: SERVICE_ACCOUNTS.karpenter,
      policy: karpenterControllerPolicy({ ...scope_, partition: stack.partition }),
    });
    acknowledge(
      this.controller,
      karpenterControllerWildcards(scope_),
      "Karpenter's upstream controller policy, unchanged: instances, launch templates and instance profiles it creates have no ARN yet, so every mutation is scoped by this cluster's ownership tags instead; Describe, pricing and instance-profile listing calls cannot be scoped at all.",
    );
  }
}
