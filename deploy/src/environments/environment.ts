/**
 * An environment is a typed object: everything that differs between local (kind), staging and
 * production is a field here, and the constructs read nothing else.
 */
import type {
  AppEnvironment,
  AwsEnvironmentName,
  AwsEnvironmentNames,
  Config,
  EnvironmentName,
} from '@slipway/contract';

export type { EnvironmentName } from '@slipway/contract';

/**
 * Settings an environment sets in the ConfigMap. Secret settings (`x-secret` in the schema) come
 * only from Secrets, as files: `configData` refuses them here with the setting's name.
 */
export type PlainSettings = Partial<Config>;

/** The image digest each AWS environment runs: the shape of src/releases.ts. */
export type Releases = Record<AwsEnvironmentName, { digest: string }>;

export type ImageReference =
  | { kind: 'digest'; repository: string; digest: string }
  /** A tag loaded into the cluster by hand (kind): no registry, so no digest exists. */
  | { kind: 'tag'; repository: string; tag: string; waiver: string };

export type AddonName =
  | 'kube-prometheus-stack'
  | 'metrics-server'
  | 'loki'
  | 'alloy'
  | 'tempo'
  | 'external-secrets'
  | 'external-dns'
  | 'aws-load-balancer-controller'
  | 'traefik'
  | 'cloudnative-pg'
  | 'karpenter';

export interface Environment {
  name: EnvironmentName;
  /** The service's APP_ENV. */
  appEnv: AppEnvironment;
  /** AWS names shared with infra/; absent for the kind cluster. */
  aws?: AwsEnvironmentNames;
  gitops: {
    /** Git revision the child Applications track. */
    targetRevision: string;
    /** Delete resources that left git without a human (staging yes, production no). */
    prune: boolean;
    selfHeal: boolean;
  };
  image: ImageReference;
  scaling: { minReplicas: number; maxReplicas: number; targetCpuUtilization: number };
  resources: { cpuRequest: string; memoryRequest: string; memoryLimit: string };
  /** Zones: DoNotSchedule where nodes carry zone labels (EKS); kind nodes have none. */
  zoneSpread: 'DoNotSchedule' | 'ScheduleAnyway';
  ingress:
    | { controller: 'aws-load-balancer-controller'; host: string }
    | { controller: 'traefik'; host: string };
  database:
    | { kind: 'cloudnative-pg'; instances: number; storage: string }
    /** RDS in the VPC: egress is allowed to this CIDR on the PostgreSQL port. */
    | { kind: 'rds'; cidr: string; port: number };
  secrets: 'external-secrets' | 'generated';
  /** Non-secret settings (the rest take the schema's defaults). */
  settings: PlainSettings;
  addons: readonly AddonName[];
}
