/**
 * The environments, and the per-environment names both deploy/ and infra/ use.
 */
import { SERVICE_NAME } from './names.js';

/** Every environment the service runs in: its APP_ENV values and deploy/'s rendered folders. */
export const ENVIRONMENTS = ['local', 'staging', 'production'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** The environments that run on AWS and receive releases; `local` (kind) has no AWS side. */
export const AWS_ENVIRONMENTS = ['staging', 'production'] as const satisfies readonly EnvironmentName[];
export type AwsEnvironmentName = (typeof AWS_ENVIRONMENTS)[number];

export interface AwsEnvironmentNames {
  name: AwsEnvironmentName;
  account: string;
  region: string;
  clusterName: string;
  /** Public DNS zone of this environment (one per account; staging's is delegated from production's). */
  zoneName: string;
  /** Route 53 hosted zone id (imported by attributes, never looked up). */
  zoneId: string;
  /** Public hostname of the API. */
  hostname: string;
  /** The VPC's address block (infra creates it; NetworkPolicies allow the ALB and RDS within it). */
  vpcCidr: string;
  /** Prefix of every Secrets Manager secret of this environment; External Secrets may read only these. */
  secretPrefix: string;
  /** Secrets Manager secret names the ExternalSecrets read. */
  secrets: { app: string; database: string; alerting: string; grafana: string };
  ecrRepository: string;
  /** S3 buckets (globally unique names, so account and region are part of them). */
  buckets: { logs: string; traces: string };
  karpenter: {
    /** IAM role of the nodes Karpenter launches (EC2NodeClass `role`). */
    nodeRole: string;
    /** SQS queue of EC2 interruption events (the chart's `settings.interruptionQueue`). */
    interruptionQueue: string;
  };
}

/** Tag whose value is the cluster name on the subnets Karpenter may launch nodes into. */
export const KARPENTER_DISCOVERY_TAG = 'karpenter.sh/discovery';

/**
 * Days logs and traces are kept: Loki's and Tempo's retention (deploy/) and the lifecycle rules of
 * their buckets (infra/), which expire objects a day later as a backstop.
 */
export const TELEMETRY_RETENTION_DAYS: Record<EnvironmentName, { logs: number; traces: number }> = {
  local: { logs: 7, traces: 3 },
  staging: { logs: 7, traces: 3 },
  production: { logs: 30, traces: 14 },
};

function namesFor(
  name: AwsEnvironmentName,
  account: string,
  region: string,
  zone: { name: string; id: string },
  vpcCidr: string,
): AwsEnvironmentNames {
  const secretPrefix = `${SERVICE_NAME}/${name}/`;
  const clusterName = `${SERVICE_NAME}-${name}`;
  const bucket = (purpose: string) => `${clusterName}-${purpose}-${account}-${region}`;
  return {
    name,
    account,
    region,
    clusterName,
    zoneName: zone.name,
    zoneId: zone.id,
    hostname: `api.${zone.name}`,
    vpcCidr,
    secretPrefix,
    secrets: {
      app: `${secretPrefix}app`,
      database: `${secretPrefix}database`,
      alerting: `${secretPrefix}alerting`,
      grafana: `${secretPrefix}grafana`,
    },
    ecrRepository: SERVICE_NAME,
    buckets: { logs: bucket('logs'), traces: bucket('traces') },
    karpenter: { nodeRole: `${clusterName}-karpenter-node`, interruptionQueue: `${clusterName}-karpenter` },
  };
}

/** Example account ids and zone ids: replace with yours (see infra/README.md). */
export const AWS_ENVIRONMENT_NAMES: Record<AwsEnvironmentName, AwsEnvironmentNames> = {
  staging: namesFor(
    'staging',
    '111111111111',
    'eu-west-1',
    {
      name: 'staging.slipway.example.com',
      id: 'Z0STAGING0000000000',
    },
    '10.10.0.0/16',
  ),
  production: namesFor(
    'production',
    '222222222222',
    'eu-west-1',
    {
      name: 'slipway.example.com',
      id: 'Z0PRODUCTION0000000',
    },
    '10.20.0.0/16',
  ),
};
