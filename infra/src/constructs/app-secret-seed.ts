import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../compliance/acknowledge.js';
import { encryptedLogGroup } from './encrypted-log-group.js';

const FUNCTION_CODE = new URL('../functions/seed-app-secret', import.meta.url).pathname;

export interface AppSecretSeedProps {
  secret: secretsmanager.ISecret;
  /** The key the secret is encrypted with. */
  secretKey: kms.IKey;
  vpc: ec2.IVpc;
  logKey: kms.Key;
  logRetentionDays: number;
  functionName: string;
}

/**
 * Gives the service's app secret a first random API token when the stack is created (the function
 * in src/functions/seed-app-secret), so the first Argo CD sync finds every key the service
 * requires. Runs once; the token never appears in CloudFormation.
 */
export class AppSecretSeed extends Construct {
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: AppSecretSeedProps) {
    super(scope, id);
    const { secret, vpc } = props;
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description:
        'App secret seeding function: HTTPS to Secrets Manager and the CloudFormation response URL',
    });
    const logGroup = encryptedLogGroup(this, 'Logs', {
      key: props.logKey,
      retentionDays: props.logRetentionDays,
      logGroupName: `/aws/lambda/${props.functionName}`,
    });
    if (props.logRetentionDays < 365) {
      acknowledge(
        logGroup,
        ['cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check'],
        `The seeding function logs one line per deployment; kept ${props.logRetentionDays} days like the other staging logs.`,
      );
    }
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Seeds the first API token into the app secret',
      inlinePolicies: {
        logs: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [`${logGroup.logGroupArn}:*`],
            }),
          ],
        }),
        network: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: [
                'ec2:CreateNetworkInterface',
                'ec2:DescribeNetworkInterfaces',
                'ec2:DeleteNetworkInterface',
                'ec2:AssignPrivateIpAddresses',
                'ec2:UnassignPrivateIpAddresses',
              ],
              resources: ['*'],
            }),
          ],
        }),
      },
    });
    // Explicit rather than grantRead/grantWrite, which add wildcard KMS actions (ReEncrypt*, GenerateDataKey*).
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadAndWriteTheAppSecretOnly',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
        resources: [secret.secretArn],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UseTheDataKeyThroughSecretsManagerOnly',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.secretKey.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` },
        },
      }),
    );
    acknowledge(
      role,
      [
        'AwsSolutions-IAM5[Resource::*]',
        `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(logGroup.node.defaultChild as never)}.Arn>:*]`,
      ],
      'A VPC Lambda must manage its network interfaces, and EC2 has no resource-level permissions for those calls; log writes are limited to its own log group (any stream in it).',
    );

    this.function = new lambda.Function(this, 'Function', {
      functionName: props.functionName,
      description: 'Adds a first random API token to the app secret on stack creation',
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(FUNCTION_CODE),
      role,
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [securityGroup],
      logGroup,
      timeout: Duration.minutes(1),
      memorySize: 256,
    });
    this.function.node.addDependency(role);

    new CustomResource(this, 'Seed', {
      serviceToken: this.function.functionArn,
      resourceType: 'Custom::AppSecretSeed',
      properties: { SecretId: secret.secretArn },
    });
  }
}
