import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * A CloudWatch log group encrypted with a customer managed key and with a retention period (logs
 * that never expire are a cost that only grows). The key policy lets CloudWatch Logs use the key
 * for log groups of this account and region only.
 */
export function encryptedLogGroup(
  scope: Construct,
  id: string,
  props: { key: kms.Key; retentionDays: number; logGroupName?: string },
): logs.LogGroup {
  const stack = Stack.of(scope);
  if (!(Object.values(logs.RetentionDays) as number[]).includes(props.retentionDays)) {
    throw new Error(
      `Log retention of ${props.retentionDays} days is not one CloudWatch Logs accepts (e.g. 7, 14, 30, 90, 365): fix the environment config.`,
    );
  }
  props.key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
        },
      },
    }),
  );
  const group = new logs.LogGroup(scope, id, {
    logGroupName: props.logGroupName,
    encryptionKey: props.key,
    retention: props.retentionDays as logs.RetentionDays,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  group.node.addDependency(props.key);
  return group;
}
