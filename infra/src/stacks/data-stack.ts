import {
  ALERTING_SECRET_KEYS,
  APP_SECRET_KEYS,
  DATABASE_NAME,
  DATABASE_USERNAME,
  GRAFANA_SECRET_KEYS,
  POSTGRES_PORT,
  TELEMETRY_RETENTION_DAYS,
} from '@slipway/contract';
import { Duration, RemovalPolicy, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { acknowledge, managedPolicyFinding } from '../compliance/acknowledge.js';
import type { EnvironmentConfig } from '../config/environment-config.js';
import { AppSecretSeed } from '../constructs/app-secret-seed.js';
import { customerManagedKey } from '../constructs/customer-managed-key.js';
import { encryptedLogGroup } from '../constructs/encrypted-log-group.js';
import { telemetryBucket } from '../constructs/telemetry-bucket.js';

export const POSTGRES_VERSION = rds.PostgresEngineVersion.VER_18_3;

export interface DataStackProps extends StackProps {
  config: EnvironmentConfig;
  vpc: ec2.IVpc;
  /** The security group of the cluster's nodes (EKS cluster security group): the only client. */
  nodeSecurityGroup: ec2.ISecurityGroup;
  /** External Secrets' role: may decrypt this environment's secrets through Secrets Manager only. */
  secretsReaderRoleArn: string;
  /** Loki's and Tempo's roles: each may use the telemetry key through S3 only. */
  telemetryWriterRoleArns: { logs: string; traces: string };
}

/**
 * PostgreSQL for the service, the secrets the cluster reads, and the buckets of logs and traces.
 * The database lives in isolated subnets, accepts connections only from the nodes (and its
 * rotation function), only over TLS; its storage, backups, Performance Insights and secrets are
 * encrypted with one customer managed key that External Secrets may use only through Secrets
 * Manager. Loki and Tempo keep their data in S3 under another key (see telemetryBucket).
 */
export class DataStack extends Stack {
  readonly database: rds.DatabaseInstance;
  readonly databaseSecret: rds.DatabaseSecret;
  readonly appSecret: secretsmanager.Secret;
  readonly alertingSecret: secretsmanager.Secret;
  readonly grafanaSecret: secretsmanager.Secret;
  readonly logsBucket: s3.Bucket;
  readonly tracesBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config, vpc } = props;
    const { names, database: db } = config;
    const production = names.name === 'production';

    const dataKey = customerManagedKey(this, 'DataKey', `${names.clusterName} database and secrets`);
    dataKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ExternalSecretsDecryptsThroughSecretsManagerOnly',
        principals: [new iam.ArnPrincipal(props.secretsReaderRoleArn)],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${this.region}.amazonaws.com` } },
      }),
    );

    this.databaseSecret = new rds.DatabaseSecret(this, 'DatabaseSecret', {
      secretName: names.secrets.database,
      username: DATABASE_USERNAME,
      dbname: DATABASE_NAME,
      encryptionKey: dataKey,
    });

    const engine = rds.DatabaseInstanceEngine.postgres({ version: POSTGRES_VERSION });
    const parameterGroup = new rds.ParameterGroup(this, 'Parameters', {
      engine,
      description: `${names.clusterName}: TLS only, slow statements logged`,
      parameters: {
        'rds.force_ssl': '1',
        ssl_min_protocol_version: 'TLSv1.2',
        log_min_duration_statement: '500',
      },
    });

    const instanceIdentifier = names.clusterName;
    const logKey = customerManagedKey(this, 'LogsKey', `${names.clusterName} database logs`);
    const logRetentionDays = production ? 365 : 30;
    const logGroups = ['postgresql', 'upgrade'].map((type) => {
      const group = encryptedLogGroup(this, `Logs-${type}`, {
        key: logKey,
        retentionDays: logRetentionDays,
        logGroupName: `/aws/rds/instance/${instanceIdentifier}/${type}`,
      });
      if (logRetentionDays < 365) {
        acknowledge(
          group,
          ['cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check'],
          `Database logs of ${names.name} are kept ${logRetentionDays} days: staging is rebuilt from code and audited nowhere; production keeps a year.`,
        );
      }
      return group;
    });

    this.database = new rds.DatabaseInstance(this, 'Database', {
      instanceIdentifier,
      engine,
      instanceType: new ec2.InstanceType(db.instanceClass.replace(/^db\./, '')),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      port: POSTGRES_PORT,
      credentials: rds.Credentials.fromSecret(this.databaseSecret),
      databaseName: DATABASE_NAME,
      parameterGroup,
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
      multiAz: db.multiAz,
      storageType: rds.StorageType.GP3,
      allocatedStorage: db.allocatedStorageGiB,
      maxAllocatedStorage: db.maxAllocatedStorageGiB,
      storageEncrypted: true,
      storageEncryptionKey: dataKey,
      backupRetention: Duration.days(db.backupRetentionDays),
      deleteAutomatedBackups: false,
      copyTagsToSnapshot: true,
      deletionProtection: db.deletionProtection,
      // A deleted stack leaves a final snapshot in either environment.
      removalPolicy: RemovalPolicy.SNAPSHOT,
      autoMinorVersionUpgrade: true,
      iamAuthentication: true,
      publiclyAccessible: false,
      cloudwatchLogsExports: ['postgresql', 'upgrade'],
      monitoringInterval: Duration.seconds(60),
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: dataKey,
    });
    for (const group of logGroups) this.database.node.addDependency(group);
    this.database.connections.allowDefaultPortFrom(
      props.nodeSecurityGroup,
      'PostgreSQL from the cluster nodes',
    );

    this.acknowledgeDatabaseFindings(config);
    this.addRotation(config, vpc);
    this.appSecret = this.addAppSecret(config, dataKey);
    new AppSecretSeed(this, 'AppSecretSeed', {
      secret: this.appSecret,
      secretKey: dataKey,
      vpc,
      logKey,
      logRetentionDays,
      functionName: `${names.clusterName}-seed-app-secret`,
    });
    this.alertingSecret = this.addAlertingSecret(config, dataKey);
    this.grafanaSecret = this.addGrafanaSecret(config, dataKey);

    const telemetryKey = customerManagedKey(this, 'TelemetryKey', `${names.clusterName} logs and traces`);
    const retention = TELEMETRY_RETENTION_DAYS[names.name];
    this.logsBucket = telemetryBucket(this, 'LogsBucket', {
      bucketName: names.buckets.logs,
      holds: 'Loki log chunks and index',
      key: telemetryKey,
      retentionDays: retention.logs,
      writerRoleArn: props.telemetryWriterRoleArns.logs,
    });
    this.tracesBucket = telemetryBucket(this, 'TracesBucket', {
      bucketName: names.buckets.traces,
      holds: 'Tempo trace blocks',
      key: telemetryKey,
      retentionDays: retention.traces,
      writerRoleArn: props.telemetryWriterRoleArns.traces,
    });
  }

  /**
   * Where Alertmanager delivers: created with placeholders that no receiver accepts, because the
   * real values come from the paging and chat tools' consoles (README, first deployment). Later
   * deployments keep what operators put here: CloudFormation rewrites the value only when this
   * template's placeholder changes.
   */
  private addAlertingSecret(config: EnvironmentConfig, key: kms.IKey): secretsmanager.Secret {
    const placeholder = (what: string) => SecretValue.unsafePlainText(`replace-me: ${what}`);
    const secret = new secretsmanager.Secret(this, 'AlertingSecret', {
      secretName: config.names.secrets.alerting,
      description: `${config.names.clusterName}: Alertmanager receivers (${Object.values(ALERTING_SECRET_KEYS).join(', ')})`,
      encryptionKey: key,
      secretObjectValue: {
        [ALERTING_SECRET_KEYS.pageApiKey]: placeholder('API key of the paging integration'),
        [ALERTING_SECRET_KEYS.ticketWebhookUrl]: placeholder('incoming-webhook URL of the ticket channel'),
        [ALERTING_SECRET_KEYS.heartbeatApiKey]: placeholder('API key of the heartbeat'),
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      secret,
      ['AwsSolutions-SMG4'],
      'Receiver credentials are issued by the paging and chat tools; they are rotated there and then put here by an operator, since no rotation function can create them.',
    );
    return secret;
  }

  /** Grafana's admin login; the password is generated by Secrets Manager and never in a template. */
  private addGrafanaSecret(config: EnvironmentConfig, key: kms.IKey): secretsmanager.Secret {
    const secret = new secretsmanager.Secret(this, 'GrafanaSecret', {
      secretName: config.names.secrets.grafana,
      description: `${config.names.clusterName}: Grafana admin login (${Object.values(GRAFANA_SECRET_KEYS).join(', ')})`,
      encryptionKey: key,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ [GRAFANA_SECRET_KEYS.adminUser]: 'admin' }),
        generateStringKey: GRAFANA_SECRET_KEYS.adminPassword,
        passwordLength: 32,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      secret,
      ['AwsSolutions-SMG4'],
      'Grafana reads the admin password only when it starts; rotation is a new value plus a Grafana restart (README), done by an operator rather than a rotation function that cannot restart pods.',
    );
    return secret;
  }

  /** Hosted single-user rotation (see README: why single-user, and what the service must do). */
  private addRotation(config: EnvironmentConfig, vpc: ec2.IVpc): void {
    const rotationSecurityGroup = new ec2.SecurityGroup(this, 'RotationSecurityGroup', {
      vpc,
      description: 'Secrets Manager rotation function of the database secret',
    });
    this.databaseSecret.addRotationSchedule('Rotation', {
      automaticallyAfter: Duration.days(config.database.rotationDays),
      hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser({
        functionName: `${config.names.clusterName}-database-rotation`,
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        securityGroups: [rotationSecurityGroup],
      }),
    });
    this.database.connections.allowDefaultPortFrom(
      rotationSecurityGroup,
      'PostgreSQL from the rotation function',
    );
  }

  /**
   * The service's own secrets. SECRET_KEY is generated by Secrets Manager when the secret is
   * created, a first API token by AppSecretSeed; further tokens are issued by operators (README).
   */
  private addAppSecret(config: EnvironmentConfig, key: kms.IKey): secretsmanager.Secret {
    const secret = new secretsmanager.Secret(this, 'AppSecret', {
      secretName: config.names.secrets.app,
      description: `${config.names.clusterName}: ${Object.values(APP_SECRET_KEYS).join(', ')} of the service`,
      encryptionKey: key,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({}),
        generateStringKey: APP_SECRET_KEYS.secretKey,
        passwordLength: 64,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      secret,
      ['AwsSolutions-SMG4'],
      'Rotating SECRET_KEY invalidates every pagination cursor in flight and API tokens are held by clients; both are rotated by an operator with an overlap window (README, rotating the service secrets), not on a schedule.',
    );
    return secret;
  }

  private acknowledgeDatabaseFindings(config: EnvironmentConfig): void {
    const { database: db, names } = config;
    acknowledge(
      this.database,
      ['AwsSolutions-RDS11', 'cdk-validator-cfnguard::rds_instance_no_default_ports_check'],
      'PostgreSQL listens on its standard port 5432: the instance is reachable only from the node and rotation security groups in isolated subnets, so a non-standard port would hide nothing and would break the defaults of clients and network policies.',
    );
    acknowledge(
      this.database,
      [managedPolicyFinding('service-role/AmazonRDSEnhancedMonitoringRole')],
      'Enhanced Monitoring requires this AWS managed service-role policy; it only lets RDS publish OS metrics to CloudWatch Logs.',
    );
    if (!db.multiAz) {
      acknowledge(
        this.database,
        ['AwsSolutions-RDS3', 'cdk-validator-cfnguard::rds_instance_multi_az_support_check'],
        `${names.name} runs a single-AZ instance to halve its cost; it can be restored from backups within its RPO of 5 minutes, and production is Multi-AZ.`,
      );
    }
    if (!db.deletionProtection) {
      acknowledge(
        this.database,
        ['AwsSolutions-RDS10', 'cdk-validator-cfnguard::rds_instance_deletion_protection_enabled_check'],
        `${names.name} is rebuilt from code and must be deletable by cdk destroy; deletion still leaves a final snapshot. Production has deletion protection.`,
      );
    }
  }
}
