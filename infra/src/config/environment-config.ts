/**
 * The typed configuration of each AWS environment. The same stacks build staging and production;
 * everything that differs between them (sizes, protections, redundancy, who may reach the API) is
 * a field here, so a reviewer compares the two environments in one file.
 */
import {
  AWS_ENVIRONMENT_NAMES,
  AWS_ENVIRONMENTS,
  type AwsEnvironmentName,
  type AwsEnvironmentNames,
} from '@slipway/contract';

export interface NodeGroupConfig {
  /** Graviton instance types: the image is built for arm64 and amd64, arm64 is ~20 % cheaper. */
  instanceTypes: string[];
  minSize: number;
  desiredSize: number;
  maxSize: number;
  diskGiB: number;
}

export interface EnvironmentConfig {
  /** Names shared with deploy/ (account, region, cluster, zone, hostname, secret names, registry). */
  names: AwsEnvironmentNames;
  /** Team that answers for the resources (the `owner` tag). */
  owner: string;
  /** Who pays (the `cost-centre` tag). */
  costCentre: string;
  network: {
    cidr: string;
    /** 1 in staging (cost), one per AZ in production (an AZ outage must not cut egress of the others). */
    natGateways: number;
    /** AZs that get interface endpoints; staging accepts the same single-AZ dependency as its NAT. */
    interfaceEndpointAzs: number;
    flowLogRetentionDays: number;
  };
  cluster: {
    /** CIDRs allowed to reach the public Kubernetes API endpoint (operators' egress addresses). */
    publicApiCidrs: string[];
    /** IAM roles (e.g. the SSO administrator role) granted cluster-admin through an access entry. */
    adminRoleArns: string[];
    nodes: NodeGroupConfig;
    controlPlaneLogRetentionDays: number;
  };
  database: {
    instanceClass: string;
    multiAz: boolean;
    allocatedStorageGiB: number;
    maxAllocatedStorageGiB: number;
    backupRetentionDays: number;
    deletionProtection: boolean;
    /** Days between automatic rotations of the database password. */
    rotationDays: number;
  };
  registry: {
    /** Tagged images kept; older ones expire (promoted digests are far fewer than this). */
    maxImages: number;
    untaggedExpiryDays: number;
  };
  /** The GitHub OIDC provider is one per account: create it here, or import one that already exists. */
  githubOidcProvider: 'create' | 'import';
}

const common = {
  owner: 'platform-team',
  costCentre: 'cc-1042-slipway',
  githubOidcProvider: 'create',
} as const;

/** Example values: replace account ids, zone ids, CIDRs and admin roles with yours (see README). */
export const ENVIRONMENTS: Record<AwsEnvironmentName, EnvironmentConfig> = {
  staging: {
    ...common,
    names: AWS_ENVIRONMENT_NAMES.staging,
    network: {
      cidr: AWS_ENVIRONMENT_NAMES.staging.vpcCidr,
      natGateways: 1,
      interfaceEndpointAzs: 1,
      flowLogRetentionDays: 30,
    },
    cluster: {
      publicApiCidrs: ['203.0.113.0/24'],
      adminRoleArns: [`arn:aws:iam::${AWS_ENVIRONMENT_NAMES.staging.account}:role/PlatformAdministrator`],
      nodes: { instanceTypes: ['t4g.large'], minSize: 2, desiredSize: 2, maxSize: 4, diskGiB: 40 },
      controlPlaneLogRetentionDays: 30,
    },
    database: {
      instanceClass: 'db.t4g.small',
      multiAz: false,
      allocatedStorageGiB: 20,
      maxAllocatedStorageGiB: 50,
      backupRetentionDays: 7,
      deletionProtection: false,
      rotationDays: 30,
    },
    registry: { maxImages: 200, untaggedExpiryDays: 7 },
  },
  production: {
    ...common,
    names: AWS_ENVIRONMENT_NAMES.production,
    network: {
      cidr: AWS_ENVIRONMENT_NAMES.production.vpcCidr,
      natGateways: 3,
      interfaceEndpointAzs: 3,
      flowLogRetentionDays: 365,
    },
    cluster: {
      publicApiCidrs: ['203.0.113.0/24'],
      adminRoleArns: [`arn:aws:iam::${AWS_ENVIRONMENT_NAMES.production.account}:role/PlatformAdministrator`],
      nodes: { instanceTypes: ['m7g.large'], minSize: 3, desiredSize: 3, maxSize: 6, diskGiB: 50 },
      controlPlaneLogRetentionDays: 365,
    },
    database: {
      instanceClass: 'db.m7g.large',
      multiAz: true,
      allocatedStorageGiB: 50,
      maxAllocatedStorageGiB: 200,
      backupRetentionDays: 14,
      deletionProtection: true,
      rotationDays: 30,
    },
    registry: { maxImages: 500, untaggedExpiryDays: 7 },
  },
};

/** Resolves an environment name given on a command line, with an error that lists the valid ones. */
export function environmentNamed(name: string | undefined): EnvironmentConfig {
  const known = AWS_ENVIRONMENTS as readonly string[];
  if (name === undefined || !known.includes(name)) {
    throw new Error(
      `Unknown environment ${JSON.stringify(name)}: expected one of ${AWS_ENVIRONMENTS.join(', ')} ` +
        '(the AWS environments in contract/src/environments.ts).',
    );
  }
  return ENVIRONMENTS[name as AwsEnvironmentName];
}
