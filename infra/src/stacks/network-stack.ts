import { KARPENTER_DISCOVERY_TAG } from '@slipway/contract';
import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledge } from '../compliance/acknowledge.js';
import type { EnvironmentConfig } from '../config/environment-config.js';
import { customerManagedKey } from '../constructs/customer-managed-key.js';
import { encryptedLogGroup } from '../constructs/encrypted-log-group.js';

export interface NetworkStackProps extends StackProps {
  config: EnvironmentConfig;
}

/**
 * VPC across three AZs: public subnets for load balancers, private subnets (egress through NAT)
 * for nodes, isolated subnets for the database. Flow logs go to CloudWatch Logs; AWS APIs the
 * nodes call on every pod start (ECR, S3 layers, STS, Secrets Manager) go through endpoints.
 */
export class NetworkStack extends Stack {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { network } = props.config;

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(network.cidr),
      maxAzs: 3,
      natGateways: network.natGateways,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        // Nothing launched here needs a public IP of its own: load balancers and NAT gateways
        // get theirs from AWS.
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        // /19 per AZ: the VPC CNI gives every pod a VPC address.
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 19 },
        { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      gatewayEndpoints: { s3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
    });
    // Karpenter launches nodes into the subnets that carry this tag (its EC2NodeClass selects on it).
    for (const subnet of this.vpc.privateSubnets) {
      Tags.of(subnet).add(KARPENTER_DISCOVERY_TAG, props.config.names.clusterName);
    }
    // restrictDefaultSecurityGroup strips the default security group's rules through a CDK-provided
    // custom resource Lambda; it runs only while CloudFormation deploys and calls the EC2 API only.
    const restrictDefaultSgProvider = this.node.findChild(
      'Custom::VpcRestrictDefaultSGCustomResourceProvider',
    );
    acknowledge(
      restrictDefaultSgProvider,
      ['cdk-validator-cfnguard::lambda_inside_vpc_check'],
      'CDK-provided deploy-time handler that removes the default security group rules of this very VPC; it runs before the VPC is usable and calls only the EC2 API.',
    );

    const flowLogKey = customerManagedKey(this, 'FlowLogKey', `${id} VPC flow logs`);
    const flowLogGroup = encryptedLogGroup(this, 'FlowLogs', {
      key: flowLogKey,
      retentionDays: network.flowLogRetentionDays,
    });
    const flowLogRole = new iam.Role(this, 'FlowLogRole', {
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'),
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup, flowLogRole),
      trafficType: ec2.FlowLogTrafficType.ALL,
      maxAggregationInterval: ec2.FlowLogMaxAggregationInterval.ONE_MINUTE,
    });

    const endpointSubnets: ec2.SubnetSelection = {
      subnets: this.vpc.privateSubnets.slice(0, network.interfaceEndpointAzs),
    };
    const interfaceEndpoints: Record<string, ec2.InterfaceVpcEndpointAwsService> = {
      EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR,
      EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
      Sts: ec2.InterfaceVpcEndpointAwsService.STS,
      SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
    };
    // One security group for all endpoints, open on 443 to the VPC's own (literal) CIDR only.
    const endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'Interface endpoints: HTTPS from inside the VPC',
      allowAllOutbound: false,
    });
    endpointSecurityGroup.addIngressRule(
      ec2.Peer.ipv4(network.cidr),
      ec2.Port.tcp(443),
      'HTTPS from the VPC',
    );
    for (const [name, service] of Object.entries(interfaceEndpoints)) {
      this.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: endpointSubnets,
        privateDnsEnabled: true,
        securityGroups: [endpointSecurityGroup],
        open: false,
      });
    }

    if (network.flowLogRetentionDays < 365) {
      acknowledge(
        flowLogGroup,
        ['cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check'],
        `Flow logs of ${props.config.names.name} are kept ${network.flowLogRetentionDays} days: staging is rebuilt from code and audited nowhere; production keeps a year.`,
      );
    }
  }
}
