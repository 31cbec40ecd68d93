/**
 * Names that the service, the Kubernetes delivery (deploy/), the AWS infrastructure (infra/) and
 * the observability definitions must agree on: the service's name, the repository, namespaces,
 * service accounts and the service's Kubernetes object names. Everyone imports this module;
 * nobody retypes a name.
 */

/** The service's name: image name, Kubernetes app label and object names, OTel service.name,
 * Prometheus job, database name. Every other name below derives from it. */
export const SERVICE_NAME = 'slipway';

/** The GitHub repository ArgoCD reads rendered manifests from and OIDC trust is scoped to. */
export const REPOSITORY = {
  owner: 'slipway-dev',
  name: SERVICE_NAME,
  url: 'https://github.com/slipway-dev/slipway.git',
  mainBranch: 'main',
} as const;

export const NAMESPACES = {
  service: SERVICE_NAME,
  argocd: 'argocd',
  monitoring: 'monitoring',
  externalSecrets: 'external-secrets',
  externalDns: 'external-dns',
  loadBalancerController: 'kube-system',
  logging: 'logging',
  database: 'database',
  /** Karpenter runs next to the other node-critical controllers (its chart's recommendation). */
  karpenter: 'kube-system',
  /** The EBS CSI driver's EKS add-on installs its controller here. */
  ebsCsiDriver: 'kube-system',
} as const;

/** Kubernetes ServiceAccounts that AWS Pod Identity associations bind to IAM roles. */
export const SERVICE_ACCOUNTS = {
  service: SERVICE_NAME,
  migrations: `${SERVICE_NAME}-migrate`,
  externalSecrets: 'external-secrets',
  externalDns: 'external-dns',
  loadBalancerController: 'aws-load-balancer-controller',
  /** Loki writes log chunks and index to the environment's logs bucket. */
  loki: 'loki',
  /** Tempo writes trace blocks to the environment's traces bucket. */
  tempo: 'tempo',
  karpenter: 'karpenter',
  /** Named by the aws-ebs-csi-driver EKS add-on; it creates and attaches EBS volumes. */
  ebsCsiController: 'ebs-csi-controller-sa',
} as const;
