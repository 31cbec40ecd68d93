import { KubectlV36Layer } from '@aws-cdk/lambda-layer-kubectl-v36';
import { Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import type { Construct } from 'constructs';
import { acknowledge, managedPolicyFinding } from '../compliance/acknowledge.js';
import type { EnvironmentConfig } from '../config/environment-config.js';
import { ClusterAddons } from '../constructs/cluster-addons.js';
import { ClusterIdentities } from '../constructs/cluster-identities.js';
import { customerManagedKey } from '../constructs/customer-managed-key.js';
import { encryptedLogGroup } from '../constructs/encrypted-log-group.js';
import { GitopsBridge } from '../constructs/gitops-bridge.js';
import { KarpenterInfrastructure } from '../constructs/karpenter-infrastructure.js';

export const KUBERNETES_VERSION = eks.KubernetesVersion.V1_36;

export interface ClusterStackProps extends StackProps {
  config: EnvironmentConfig;
  vpc: ec2.IVpc;
  certificateArn: string;
}

/**
 * The EKS cluster: API authentication through access entries only, secrets envelope-encrypted
 * with a customer managed key, all control-plane log types, a private endpoint for the nodes and
 * a public one limited to the configured CIDRs, one managed node group spread over three AZs for
 * the controllers and what Karpenter needs to add nodes beyond it, the pinned EKS add-ons (network
 * policy enforcement, EBS volumes), the workloads' identities, and Argo CD with the root Application.
 */
export class ClusterStack extends Stack {
  readonly cluster: eks.Cluster;
  readonly identities: ClusterIdentities;
  readonly addons: ClusterAddons;
  readonly karpenter: KarpenterInfrastructure;
  readonly gitops: GitopsBridge;

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id, props);
    const { config, vpc } = props;
    const { names, cluster: clusterConfig } = config;

    const secretsKey = customerManagedKey(this, 'SecretsKey', `${names.clusterName} Kubernetes secrets`);
    const logsKey = customerManagedKey(this, 'LogsKey', `${names.clusterName} control-plane logs`);
    // EKS writes to this fixed name; creating it first gives it a retention and a key.
    const controlPlaneLogs = encryptedLogGroup(this, 'ControlPlaneLogs', {
      key: logsKey,
      retentionDays: clusterConfig.controlPlaneLogRetentionDays,
      logGroupName: `/aws/eks/${names.clusterName}/cluster`,
    });

    // The kubectl/Helm handler gets its own security group, allowed only to the API endpoint.
    const kubectlSecurityGroup = new ec2.SecurityGroup(this, 'KubectlHandlerSecurityGroup', {
      vpc,
      description: 'kubectl/Helm deploy-time handler: HTTPS to the cluster API and to the internet (charts)',
    });

    this.cluster = new eks.Cluster(this, 'Cluster', {
      clusterName: names.clusterName,
      version: KUBERNETES_VERSION,
      vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      endpointAccess: eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...clusterConfig.publicApiCidrs),
      secretsEncryptionKey: secretsKey,
      clusterLogging: Object.values(eks.ClusterLoggingTypes),
      // A managed node group runs the cluster's controllers; Karpenter adds nodes for the
      // workloads (not Auto Mode: see README, decisions).
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      bootstrapClusterCreatorAdminPermissions: false,
      kubectlProviderOptions: {
        kubectlLayer: new KubectlV36Layer(this, 'KubectlLayer'),
        securityGroups: [kubectlSecurityGroup],
      },
    });
    this.cluster.connections.allowFrom(
      kubectlSecurityGroup,
      ec2.Port.tcp(443),
      'kubectl/Helm handler to the API',
    );
    this.cluster.node.addDependency(controlPlaneLogs);
    acknowledge(
      this.cluster,
      ['AwsSolutions-EKS1', 'cdk-validator-cfnguard::eks_endpoint_no_public_access_check'],
      `The public endpoint is open only to ${clusterConfig.publicApiCidrs.join(', ')} (operators' addresses); nodes, the kubectl handler and Argo CD use the private endpoint.`,
    );
    acknowledge(
      this.cluster,
      [managedPolicyFinding('AmazonEKSClusterPolicy')],
      'The cluster service role needs exactly the AWS managed AmazonEKSClusterPolicy; AWS keeps it in step with what the control plane calls.',
    );
    acknowledge(
      this.cluster,
      ['CloudFormation-Validate::W9009'],
      'CloudFormation marks EncryptionConfig.Resources deprecated, yet "secrets" is still the only and required value of the EKS API; aws-cdk-lib renders it.',
    );
    this.acknowledgeKubectlProvider();
    if (clusterConfig.controlPlaneLogRetentionDays < 365) {
      acknowledge(
        controlPlaneLogs,
        ['cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check'],
        `Control-plane logs of ${names.name} are kept ${clusterConfig.controlPlaneLogRetentionDays} days: staging is rebuilt from code and audited nowhere; production keeps a year.`,
      );
    }

    for (const [index, roleArn] of clusterConfig.adminRoleArns.entries()) {
      this.cluster.grantAccess(`Administrator${index}`, roleArn, [
        eks.AccessPolicy.fromAccessPolicyName('AmazonEKSClusterAdminPolicy', {
          accessScopeType: eks.AccessScopeType.CLUSTER,
        }),
      ]);
    }

    const nodegroup = this.addNodes(config);
    this.identities = new ClusterIdentities(this, 'Identities', { cluster: this.cluster, config });
    this.addons = new ClusterAddons(this, 'Addons', {
      cluster: this.cluster,
      nodes: nodegroup,
      ebsCsiController: this.identities.ebsCsiController,
    });
    this.karpenter = new KarpenterInfrastructure(this, 'Karpenter', { cluster: this.cluster, names });
    this.gitops = new GitopsBridge(this, 'Gitops', {
      cluster: this.cluster,
      names,
      vpcId: vpc.vpcId,
      certificateArn: props.certificateArn,
      highAvailability: config.names.name === 'production',
      nodes: nodegroup,
    });
  }

  /** aws-cdk-lib's kubectl/Helm custom resource provider (two Lambdas), used only at deploy time. */
  private acknowledgeKubectlProvider(): void {
    const provider = this.cluster.node.findChild('KubectlProvider');
    acknowledge(
      provider,
      [
        managedPolicyFinding('service-role/AWSLambdaBasicExecutionRole'),
        managedPolicyFinding('service-role/AWSLambdaVPCAccessExecutionRole'),
        managedPolicyFinding('AmazonEC2ContainerRegistryReadOnly'),
        `AwsSolutions-IAM4[Policy::${JSON.stringify({
          'Fn::If': [
            'ClusterKubectlProviderHandlerHasEcrPublic69E09706',
            {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':iam::aws:policy/AmazonElasticContainerRegistryPublicReadOnly',
                ],
              ],
            },
            { Ref: 'AWS::NoValue' },
          ],
        })}]`,
      ],
      "aws-cdk-lib's kubectl provider: its Lambda roles use the AWS managed policies for logging and for ENIs in the VPC, which is what a VPC Lambda needs; it runs only while CloudFormation deploys.",
    );
    acknowledge(
      provider,
      ['AwsSolutions-IAM5[Resource::<ClusterKubectlProviderHandler2E05C68A.Arn>:*]'],
      'The provider framework may invoke any version of its own kubectl handler function, nothing else.',
    );
    acknowledge(
      provider,
      ['AwsSolutions-L1'],
      'aws-cdk-lib pins the kubectl handler to the Python runtime the kubectl layer is built and tested for.',
    );
  }

  private addNodes(config: EnvironmentConfig): eks.Nodegroup {
    const { nodes } = config.cluster;
    // A launch template for what the node group API cannot set: IMDSv2 with a hop limit of 1
    // (pods cannot borrow the node role) and an encrypted root volume.
    const launchTemplate = new ec2.LaunchTemplate(this, 'NodeLaunchTemplate', {
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(nodes.diskGiB, {
            encrypted: true,
            volumeType: ec2.EbsDeviceVolumeType.GP3,
          }),
        },
      ],
    });
    const nodegroup = this.cluster.addNodegroupCapacity('Nodes', {
      nodegroupName: 'general',
      amiType: eks.NodegroupAmiType.AL2023_ARM_64_STANDARD,
      instanceTypes: nodes.instanceTypes.map((type) => new ec2.InstanceType(type)),
      capacityType: eks.CapacityType.ON_DEMAND,
      minSize: nodes.minSize,
      desiredSize: nodes.desiredSize,
      maxSize: nodes.maxSize,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplateSpec: {
        id: launchTemplate.launchTemplateId!,
        version: launchTemplate.latestVersionNumber,
      },
      maxUnavailable: 1,
      enableNodeAutoRepair: true,
    });
    acknowledge(
      nodegroup,
      ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonEKS_CNI_Policy'].map(
        managedPolicyFinding,
      ),
      'The node role needs exactly the AWS managed node policies EKS documents for managed node groups; AWS keeps them in step with new EKS features. Pods cannot use them: IMDS is limited to one hop.',
    );
    acknowledge(
      launchTemplate,
      ['cdk-validator-cfnguard::ec2_launch_template_monitoring_enabled_check'],
      'Node metrics come from Prometheus node-exporter every 30 s (deploy/ kube-prometheus-stack); paid 1-minute CloudWatch detailed monitoring would duplicate them.',
    );
    return nodegroup;
  }
}
