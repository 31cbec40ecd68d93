import {
  ALERTING_SECRET_KEYS,
  GRAFANA_SECRET_KEYS,
  NAMESPACES,
  SERVICE_ACCOUNTS,
  TELEMETRY_RETENTION_DAYS,
} from '@slipway/contract';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOTH, type Json, resourcesOfType } from './support/environments.js';
import { SYNTH_TIMEOUT_MS, synthesizedAssembly, templateOf } from './support/synthesized-assembly.js';

// The first worker runs the real CLI synth (tens of seconds on 2 cores); the others wait for it.
beforeAll(() => synthesizedAssembly(), SYNTH_TIMEOUT_MS);

describe.each(BOTH)('log and trace storage, alerting and Grafana secrets of $name', ({ name, config }) => {
  const buckets = [
    { bucket: config.names.buckets.logs, days: TELEMETRY_RETENTION_DAYS[name].logs, writer: 'loki' },
    { bucket: config.names.buckets.traces, days: TELEMETRY_RETENTION_DAYS[name].traces, writer: 'tempo' },
  ] as const;

  it.each(buckets)(
    'keeps $writer data in $bucket: private, KMS-encrypted, versioned, expiring after retention',
    async ({ bucket, days }) => {
      const t = await templateOf(config, 'data');
      const [[id, resource]] = resourcesOfType(t, 'AWS::S3::Bucket').filter(
        ([, b]) => b.Properties.BucketName === bucket,
      ) as [[string, Json]];
      expect(resource.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
      const [encryption] = resource.Properties.BucketEncryption.ServerSideEncryptionConfiguration;
      expect(encryption.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
      expect(encryption.BucketKeyEnabled).toBe(true);
      expect(resource.Properties.LifecycleConfiguration.Rules).toEqual([
        expect.objectContaining({
          Status: 'Enabled',
          ExpirationInDays: days + 1,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        }),
      ]);
      t.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', Properties: { BucketName: bucket } });
      t.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    },
  );

  it.each(buckets)(
    'lets only $writer reach $bucket, through its Pod Identity, and its key only via S3',
    async ({ bucket, writer }) => {
      const cluster = await templateOf(config, 'cluster');
      const serviceAccount = SERVICE_ACCOUNTS[writer];
      const [[, association]] = resourcesOfType(cluster, 'AWS::EKS::PodIdentityAssociation').filter(
        ([, a]) => a.Properties.ServiceAccount === serviceAccount,
      ) as [[string, Json]];
      expect(association.Properties.Namespace).toBe(
        writer === 'loki' ? NAMESPACES.logging : NAMESPACES.monitoring,
      );
      const role = cluster.toJSON().Resources[association.Properties.RoleArn['Fn::GetAtt'][0]];
      const resources = JSON.stringify(
        role.Properties.Policies.flatMap((p: Json) =>
          p.PolicyDocument.Statement.map((s: Json) => s.Resource),
        ),
      );
      expect(resources).toContain(`:s3:::${bucket}`);
      expect(resources.match(/:s3:::([\w-]+)/g)?.every((arn) => arn.endsWith(bucket))).toBe(true);

      const data = await templateOf(config, 'data');
      const keyStatements = resourcesOfType(data, 'AWS::KMS::Key').flatMap(
        ([, k]) => k.Properties.KeyPolicy.Statement,
      );
      const grant = keyStatements.find((s: Json) =>
        JSON.stringify(s.Principal).includes(`Identities${writer === 'loki' ? 'Loki' : 'Tempo'}Role`),
      );
      expect(grant?.Condition).toEqual({
        StringEquals: { 'kms:ViaService': `s3.${config.names.region}.amazonaws.com` },
      });
    },
  );

  it('creates the alerting secret with every receiver key, for operators to fill in', async () => {
    const t = await templateOf(config, 'data');
    const [[, secret]] = resourcesOfType(t, 'AWS::SecretsManager::Secret').filter(
      ([, s]) => s.Properties.Name === config.names.secrets.alerting,
    ) as [[string, Json]];
    expect(secret.Properties.KmsKeyId).toBeDefined();
    expect(Object.keys(JSON.parse(secret.Properties.SecretString)).sort()).toEqual(
      Object.values(ALERTING_SECRET_KEYS).sort(),
    );
  });

  it("generates Grafana's admin password into the Grafana secret", async () => {
    const t = await templateOf(config, 'data');
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: config.names.secrets.grafana,
      KmsKeyId: Match.anyValue(),
      GenerateSecretString: Match.objectLike({
        GenerateStringKey: GRAFANA_SECRET_KEYS.adminPassword,
        SecretStringTemplate: JSON.stringify({ [GRAFANA_SECRET_KEYS.adminUser]: 'admin' }),
        PasswordLength: 32,
      }),
    });
  });
});
