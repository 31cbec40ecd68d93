import { NAMESPACES, SERVICE_ACCOUNTS } from '@slipway/contract';
import { Stack } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge, managedPolicyFinding } from '../compliance/acknowledge.js';
import type { EnvironmentConfig } from '../config/environment-config.js';
import {
  LOAD_BALANCER_CONTROLLER_WILDCARDS,
  loadBalancerControllerPolicy,
} from '../iam-policies/aws-load-balancer-controller.js';
import { PodIdentityRole } from './pod-identity-role.js';

/**
 * The AWS identities of the cluster's workloads, each bound to exactly one ServiceAccount (names
 * from @slipway/contract, the same ones deploy/ renders) and allowed exactly what its job needs.
 */
export class ClusterIdentities extends Construct {
  readonly loadBalancerController: PodIdentityRole;
  readonly externalDns: PodIdentityRole;
  readonly externalSecrets: PodIdentityRole;
  readonly service: PodIdentityRole;
  readonly migrations: PodIdentityRole;
  readonly ebsCsiController: PodIdentityRole;
  readonly loki: PodIdentityRole;
  readonly tempo: PodIdentityRole;

  constructor(scope: Construct, id: string, props: { cluster: eks.Cluster; config: EnvironmentConfig }) {
    super(scope, id);
    const { cluster, config } = props;
    const stack = Stack.of(this);

    this.loadBalancerController = new PodIdentityRole(this, 'LoadBalancerController', {
      cluster,
      namespace: NAMESPACES.loadBalancerController,
      serviceAccount: SERVICE_ACCOUNTS.loadBalancerController,
      policy: loadBalancerControllerPolicy(),
    });
    acknowledge(
      this.loadBalancerController,
      LOAD_BALANCER_CONTROLLER_WILDCARDS,
      "The controller's upstream policy, unchanged: it creates load balancers, target groups and security groups whose ARNs do not exist yet, so mutations are scoped by the elbv2.k8s.aws/cluster resource tag instead of by ARN, and Describe calls cannot be scoped at all.",
    );

    const zoneArn = `arn:${stack.partition}:route53:::hostedzone/${config.names.zoneId}`;
    this.externalDns = new PodIdentityRole(this, 'ExternalDns', {
      cluster,
      namespace: NAMESPACES.externalDns,
      serviceAccount: SERVICE_ACCOUNTS.externalDns,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'ManageRecordsOfThisZoneOnly',
            actions: [
              'route53:ChangeResourceRecordSets',
              'route53:ListResourceRecordSets',
              'route53:ListTagsForResources',
            ],
            resources: [zoneArn],
          }),
          new iam.PolicyStatement({
            sid: 'FindTheZone',
            actions: ['route53:ListHostedZones'],
            resources: ['*'],
          }),
        ],
      }),
    });
    acknowledge(
      this.externalDns,
      ['AwsSolutions-IAM5[Resource::*]'],
      "route53:ListHostedZones has no resource-level permissions (it lists zone names, no records); every record change is limited to this environment's zone by ARN.",
    );

    const secretPrefixArn = `arn:${stack.partition}:secretsmanager:${stack.region}:${stack.account}:secret:${config.names.secretPrefix}*`;
    this.externalSecrets = new PodIdentityRole(this, 'ExternalSecrets', {
      cluster,
      namespace: NAMESPACES.externalSecrets,
      serviceAccount: SERVICE_ACCOUNTS.externalSecrets,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'ReadThisEnvironmentsSecretsOnly',
            actions: [
              'secretsmanager:GetSecretValue',
              'secretsmanager:DescribeSecret',
              'secretsmanager:ListSecretVersionIds',
              'secretsmanager:GetResourcePolicy',
            ],
            resources: [secretPrefixArn],
          }),
        ],
      }),
    });
    acknowledge(
      this.externalSecrets,
      [
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:${stack.region}:${stack.account}:secret:${config.names.secretPrefix}*]`,
      ],
      `Read-only, and only secrets under this environment's prefix ${config.names.secretPrefix}: Secrets Manager appends a random suffix to every secret ARN, so a prefix is the narrowest pattern that still matches the secrets deploy/ reads.`,
    );

    // The service and its migrations read their secrets through External Secrets and call no AWS
    // API today. They still get their own identities, so a future AWS dependency is granted to
    // exactly these pods, and so they never inherit another workload's role.
    this.service = new PodIdentityRole(this, 'Service', {
      cluster,
      namespace: NAMESPACES.service,
      serviceAccount: SERVICE_ACCOUNTS.service,
    });
    this.migrations = new PodIdentityRole(this, 'Migrations', {
      cluster,
      namespace: NAMESPACES.service,
      serviceAccount: SERVICE_ACCOUNTS.migrations,
    });

    // The aws-ebs-csi-driver add-on creates this ServiceAccount and declares the association.
    this.ebsCsiController = new PodIdentityRole(this, 'EbsCsiController', {
      cluster,
      namespace: NAMESPACES.ebsCsiDriver,
      serviceAccount: SERVICE_ACCOUNTS.ebsCsiController,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(EBS_CSI_DRIVER_POLICY)],
      association: 'addon',
    });
    acknowledge(
      this.ebsCsiController,
      [managedPolicyFinding(EBS_CSI_DRIVER_POLICY)],
      'The AWS managed policy of the EBS CSI driver, maintained by AWS with the add-on: volume and snapshot mutations are limited to resources tagged as created by the driver (ebs.csi.aws.com/cluster).',
    );

    // Loki and Tempo keep their data in the environment's buckets (created by the data stack
    // under names from @slipway/contract); the bucket key lets them use it through S3 only.
    this.loki = telemetryWriter(this, 'Loki', {
      cluster,
      namespace: NAMESPACES.logging,
      serviceAccount: SERVICE_ACCOUNTS.loki,
      bucket: config.names.buckets.logs,
    });
    this.tempo = telemetryWriter(this, 'Tempo', {
      cluster,
      namespace: NAMESPACES.monitoring,
      serviceAccount: SERVICE_ACCOUNTS.tempo,
      bucket: config.names.buckets.traces,
    });
  }
}

const EBS_CSI_DRIVER_POLICY = 'service-role/AmazonEBSCSIDriverPolicy';

/** Read, write, list and delete objects of one bucket: what Loki's and Tempo's compactors do. */
function telemetryWriter(
  scope: Construct,
  id: string,
  props: { cluster: eks.Cluster; namespace: string; serviceAccount: string; bucket: string },
): PodIdentityRole {
  const partition = Stack.of(scope).partition;
  const bucketArn = `arn:${partition}:s3:::${props.bucket}`;
  const identity = new PodIdentityRole(scope, id, {
    cluster: props.cluster,
    namespace: props.namespace,
    serviceAccount: props.serviceAccount,
    policy: new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'ListTheBucket',
          actions: ['s3:ListBucket'],
          resources: [bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'ReadWriteAndDeleteItsObjects',
          actions: [
            's3:GetObject',
            's3:PutObject',
            's3:DeleteObject',
            's3:GetObjectTagging',
            's3:PutObjectTagging',
          ],
          resources: [`${bucketArn}/*`],
        }),
      ],
    }),
  });
  acknowledge(
    identity,
    [`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${props.bucket}/*]`],
    `Objects are created by name as data arrives, so access is limited to the objects of ${props.bucket} rather than to object ARNs; no other bucket is reachable.`,
  );
  return identity;
}
