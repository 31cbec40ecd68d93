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
  secrets: { app: string; database: string };
  ecrRepository: string;
}

function namesFor(
  name: AwsEnvironmentName,
  account: string,
  region: string,
  zone: { name: string; id: string },
  vpcCidr: string,
): AwsEnvironmentNames {
  const secretPrefix = `${SERVICE_NAME}/${name}/`;
  return {
    name,
    account,
    region,
    clusterName: `${SERVICE_NAME}-${name}`,
    zoneName: zone.name,
    zoneId: zone.id,
    hostname: `api.${zone.name}`,
    vpcCidr,
    secretPrefix,
    secrets: { app: `${secretPrefix}app`, database: `${secretPrefix}database` },
    ecrRepository: SERVICE_NAME,
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
