/** What staging and production share: the AWS side of an environment, derived from platform names. */
import {
  AWS_ENVIRONMENT_NAMES,
  type AwsEnvironmentName,
  POSTGRES_PORT,
  SERVICE_NAME,
} from '@slipway/contract';
import type { AddonName, Environment } from './environment.js';

export const AWS_ADDONS: readonly AddonName[] = [
  'kube-prometheus-stack',
  'metrics-server',
  'loki',
  'alloy',
  'tempo',
  'external-secrets',
  'external-dns',
  'aws-load-balancer-controller',
  'karpenter',
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
    // NetworkPolicies allow egress to RDS and ingress from the ALB (target type ip) within the VPC.
    database: { kind: 'rds', cidr: aws.vpcCidr, port: POSTGRES_PORT },
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
