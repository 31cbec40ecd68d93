import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledge } from '../compliance/acknowledge.js';

export interface TelemetryBucketProps {
  bucketName: string;
  /** What the bucket holds, for the acknowledgements. */
  holds: string;
  key: kms.Key;
  /** Days Loki or Tempo keep the data; objects expire one day later as a backstop. */
  retentionDays: number;
  /** The Pod Identity role of the one workload that reads and writes the bucket. */
  writerRoleArn: string;
}

/**
 * A bucket Loki or Tempo stores its data in: private, TLS only, encrypted with a customer managed
 * key (with an S3 bucket key, so a chunk write is not a KMS call), versioned for a day's grace
 * after an overwrite or delete, and expiring what the workload's own retention should have deleted.
 * The writer's role (cluster stack) may use the key through S3 only.
 */
export function telemetryBucket(scope: Construct, id: string, props: TelemetryBucketProps): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    bucketName: props.bucketName,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: props.key,
    bucketKeyEnabled: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    lifecycleRules: [
      {
        id: 'expire-after-retention',
        expiration: Duration.days(props.retentionDays + 1),
        noncurrentVersionExpiration: Duration.days(1),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
    ],
    // Telemetry outlives a deleted stack until someone decides otherwise (README, teardown).
    removalPolicy: RemovalPolicy.RETAIN,
  });
  props.key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: `${id}WriterUsesTheKeyThroughS3Only`,
      principals: [new iam.ArnPrincipal(props.writerRoleArn)],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(scope).region}.amazonaws.com` } },
    }),
  );
  acknowledge(
    bucket,
    ['AwsSolutions-S1', 'cdk-validator-cfnguard::s3_bucket_logging_enabled_check'],
    `The bucket holds ${props.holds}, read and written only by one workload's Pod Identity role; changes to the bucket and its policy are in CloudTrail, and per-request access logs of every chunk write would add a log object per data object without answering a question anyone asks of this storage.`,
  );
  acknowledge(
    bucket,
    ['cdk-validator-cfnguard::s3_event_notifications_enabled_check'],
    `Nothing reacts to new objects in ${props.holds}: the workload that writes them is the only reader.`,
  );
  acknowledge(
    bucket,
    ['cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check'],
    `The compactor deletes and rewrites ${props.holds} to enforce retention; Object Lock would keep data past its retention and break compaction.`,
  );
  return bucket;
}
