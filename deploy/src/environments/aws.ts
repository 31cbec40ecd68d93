/** What staging and production share: the AWS side of an environment, derived from platform names. */
import { AWS_ENVIRONMENT_NAMES, type AwsEnvironmentName } from '@slipway/platform';
import { SERVICE_NAME } from '@slipway/service/contract';
import type { AddonName, Environment } from './environment.js';

/** The PostgreSQL port RDS listens on (the default; infra does not change it). */
const RDS_PORT = 5432;

/**
 * The RFC 1918 block every VPC of this project is carved from (infra/ picks a /16 per environment).
 * NetworkPolicies use it for egress to RDS and ingress from the ALB (target type ip); narrow it to
 * the VPC CIDR once @slipway/platform exports that.
 */
export const VPC_CIDR = '10.0.0.0/8';

export const AWS_ADDONS: readonly AddonName[] = [
  'kube-prometheus-stack',
  'metrics-server',
  'loki',
  'alloy',
  'tempo',
  'external-secrets',
  'external-dns',
  'aws-load-balancer-controller',
];

export function awsBase(
  name: AwsEnvironmentName,
  digest: string,
): Pick<Environment, 'aws' | 'image' | 'ingress' | 'database' | 'secrets' | 'zoneSpread' | 'addons'> {
  const aws = AWS_ENVIRONMENT_NAMES[name];
  return {
    aws,
    image: {
      kind: 'digest',
      repository: `${aws.account}.dkr.ecr.${aws.region}.amazonaws.com/${aws.ecrRepository}`,
      digest,
    },
    ingress: { controller: 'aws-load-balancer-controller', host: aws.hostname },
    database: { kind: 'rds', cidr: VPC_CIDR, port: RDS_PORT },
    secrets: 'external-secrets',
    zoneSpread: 'DoNotSchedule',
    addons: AWS_ADDONS,
  };
}

/** Non-secret settings every AWS environment sets. */
export const AWS_SETTINGS = {
  MIGRATE_ON_START: false,
  TRUST_PROXY: true,
  DATABASE_SSL: 'require',
  FAULT_INJECTION_ENABLED: false,
  OTEL_SERVICE_NAME: SERVICE_NAME,
} as const;
