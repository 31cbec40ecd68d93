/**
 * Names that the Kubernetes delivery (deploy/) and the AWS infrastructure (infra/) must agree on:
 * the cluster, namespaces, service accounts, secret paths and hostnames. Both import this module;
 * neither retypes a name.
 */
export const SERVICE = 'slipway';

/** The GitHub repository ArgoCD reads rendered manifests from and OIDC trust is scoped to. */
export const REPOSITORY = {
  owner: 'slipway-dev',
  name: 'slipway',
  url: 'https://github.com/slipway-dev/slipway.git',
  mainBranch: 'main',
} as const;

export const NAMESPACES = {
  service: 'slipway',
  argocd: 'argocd',
  monitoring: 'monitoring',
  externalSecrets: 'external-secrets',
  externalDns: 'external-dns',
  loadBalancerController: 'kube-system',
  logging: 'logging',
  database: 'database',
} as const;

/** Kubernetes ServiceAccounts that AWS Pod Identity associations bind to IAM roles. */
export const SERVICE_ACCOUNTS = {
  service: 'slipway',
  migrations: 'slipway-migrate',
  externalSecrets: 'external-secrets',
  externalDns: 'external-dns',
  loadBalancerController: 'aws-load-balancer-controller',
} as const;
