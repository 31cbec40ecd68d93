import { DATABASE_SECRET_KEYS } from '@slipway/contract';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOTH, type Json, resourcesOfType } from './support/environments.js';
import { SYNTH_TIMEOUT_MS, synthesizedAssembly, templateOf } from './support/synthesized-assembly.js';

// The first worker runs the real CLI synth (tens of seconds on 2 cores); the others wait for it.
beforeAll(() => synthesizedAssembly(), SYNTH_TIMEOUT_MS);

describe.each(BOTH)('PostgreSQL and secrets of $name', ({ name, config }) => {
  const production = name === 'production';

  it(`is encrypted, backed up${production ? ', Multi-AZ and deletion-protected' : ''}, never public`, async () => {
    const t = await templateOf(config, 'data');
    const [[, db]] = resourcesOfType(t, 'AWS::RDS::DBInstance') as [[string, Json]];
    expect(db.Properties.Port).toBe('5432');
    expect(db.Properties).toMatchObject({
      Engine: 'postgres',
      StorageEncrypted: true,
      MultiAZ: production,
      DeletionProtection: production,
      PubliclyAccessible: false,
      CopyTagsToSnapshot: true,
    });
    expect(db.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] });
    expect(db.Properties.BackupRetentionPeriod).toBeGreaterThanOrEqual(7);
    t.hasResource('AWS::RDS::DBInstance', { DeletionPolicy: 'Snapshot' });
  });

  it('forces TLS through its parameter group', async () => {
    const t = await templateOf(config, 'data');
    t.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Parameters: Match.objectLike({ 'rds.force_ssl': '1', ssl_min_protocol_version: 'TLSv1.2' }),
    });
  });

  it('lives in isolated subnets and accepts connections only from the nodes and its rotation function', async () => {
    const t = await templateOf(config, 'data');
    const ingress = resourcesOfType(t, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties);
    expect(ingress).toHaveLength(2);
    for (const rule of ingress) {
      expect(rule.CidrIp).toBeUndefined();
      expect(rule.SourceSecurityGroupId).toBeDefined();
      // The port is the instance's own endpoint port (5432).
      expect(rule.FromPort).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Database/), 'Endpoint.Port'] });
    }
    expect(JSON.stringify(ingress)).toContain(`${config.names.name}-cluster`);
    const [[, group]] = resourcesOfType(t, 'AWS::RDS::DBSubnetGroup') as [[string, Json]];
    expect(JSON.stringify(group.Properties.SubnetIds)).toMatch(/isolatedSubnet/);
  });

  it('keeps its credentials in the platform-named secret, KMS-encrypted and rotated by Secrets Manager', async () => {
    const t = await templateOf(config, 'data');
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: config.names.secrets.database,
      KmsKeyId: Match.anyValue(),
      GenerateSecretString: Match.objectLike({
        GenerateStringKey: DATABASE_SECRET_KEYS.password,
        SecretStringTemplate: JSON.stringify({ username: 'slipway', dbname: 'slipway' }),
      }),
    });
    t.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      HostedRotationLambda: Match.objectLike({
        RotationType: 'PostgreSQLSingleUser',
        KmsKeyArn: Match.anyValue(),
      }),
      RotationRules: { ScheduleExpression: `rate(${config.database.rotationDays} days)` },
    });
    t.hasResourceProperties('AWS::SecretsManager::SecretTargetAttachment', {
      TargetType: 'AWS::RDS::DBInstance',
    });
  });

  it('creates the app secret under the platform name with a generated SECRET_KEY', async () => {
    const t = await templateOf(config, 'data');
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: config.names.secrets.app,
      KmsKeyId: Match.anyValue(),
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'SECRET_KEY', PasswordLength: 64 }),
    });
    for (const secret of Object.values(config.names.secrets))
      expect(secret.startsWith(config.names.secretPrefix)).toBe(true);
  });

  it('seeds the first API token once, through a VPC function that may touch only the app secret', async () => {
    const t = await templateOf(config, 'data');
    const [[seedId, seedResource]] = resourcesOfType(t, 'Custom::AppSecretSeed') as [[string, Json]];
    expect(seedId).toMatch(/^AppSecretSeed/);
    expect(seedResource.Properties.SecretId).toEqual({ Ref: expect.stringMatching(/^AppSecret/) });
    t.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: `${config.names.clusterName}-seed-app-secret`,
      VpcConfig: { SubnetIds: Match.anyValue(), SecurityGroupIds: Match.anyValue() },
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
            Resource: { Ref: Match.stringLikeRegexp('^AppSecret') },
          }),
        ]),
      },
    });
  });

  it('lets External Secrets decrypt with the data key only through Secrets Manager', async () => {
    const t = await templateOf(config, 'data');
    t.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'ExternalSecretsDecryptsThroughSecretsManagerOnly',
            Action: 'kms:Decrypt',
            Condition: {
              StringEquals: { 'kms:ViaService': `secretsmanager.${config.names.region}.amazonaws.com` },
            },
          }),
        ]),
      },
    });
  });
});
