/**
 * The GitOps bridge between infra/ (which installs ArgoCD and registers the cluster) and deploy/
 * (which renders what ArgoCD syncs). Both import these names.
 */

/** Every environment's rendered manifests live under this folder of the repository. */
export const MANIFESTS_ROOT = 'deploy/manifests';

/**
 * The folder the root Application (created by infra/ for AWS clusters, by the local-cluster
 * command for kind) syncs: it holds the AppProject and the environment's child Applications.
 */
export function gitopsRootPath(environment: string): string {
  return `${MANIFESTS_ROOT}/${environment}/root`;
}

/** Name of the root Application in the argocd namespace. */
export const ROOT_APPLICATION = 'root';

/**
 * Cluster metadata that infra/ writes as annotations on ArgoCD's in-cluster cluster Secret, so
 * ApplicationSets can template add-on values from it instead of hard-coding account-specific
 * values in git (the GitOps bridge pattern).
 */
export const CLUSTER_METADATA = {
  environment: 'slipway_environment',
  awsRegion: 'aws_region',
  awsAccountId: 'aws_account_id',
  clusterName: 'aws_cluster_name',
  vpcId: 'aws_vpc_id',
  route53ZoneId: 'route53_zone_id',
  route53ZoneName: 'route53_zone_name',
  acmCertificateArn: 'acm_certificate_arn',
  serviceHostname: 'service_hostname',
} as const;
