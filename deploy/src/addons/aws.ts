/**
 * The AWS side of the cluster: External Secrets (Secrets Manager → Secrets), ExternalDNS (the
 * Ingress host → Route 53) and the AWS Load Balancer Controller (Ingress → ALB). Each uses the
 * ServiceAccount infra/ binds to an IAM role through Pod Identity; account-specific values come
 * from the cluster metadata (CLUSTER_METADATA) through ApplicationSet parameters.
 */
import { CLUSTER_METADATA, NAMESPACES, SERVICE_ACCOUNTS } from '@slipway/contract';
import type { Environment } from '../environments/index.js';
import {
  type Addon,
  clusterValue,
  RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  restrictedPodSecurityContext,
  typedValues,
} from './addon.js';
import type {
  AwsLoadBalancerControllerValues,
  ExternalDnsValues,
  ExternalSecretsValues,
} from './chart-values.js';
import { CHARTS } from './chart-versions.js';

export function externalSecrets(): Addon {
  const security = {
    podSecurityContext: restrictedPodSecurityContext(1000),
    securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  };
  return {
    name: 'external-secrets',
    chart: CHARTS.externalSecrets,
    releaseName: 'external-secrets',
    namespace: NAMESPACES.externalSecrets,
    ownsNamespace: true,
    podSecurity: 'restricted',
    syncWave: -10,
    values: typedValues<ExternalSecretsValues>({
      installCRDs: true,
      replicaCount: 2,
      serviceAccount: { create: true, name: SERVICE_ACCOUNTS.externalSecrets },
      ...security,
      webhook: { replicaCount: 2, ...security },
      certController: { replicaCount: 1, ...security },
    }),
    securityContextPaths: {
      pod: ['podSecurityContext', 'webhook.podSecurityContext', 'certController.podSecurityContext'],
      container: ['securityContext', 'webhook.securityContext', 'certController.securityContext'],
    },
  };
}

export function externalDns(env: Environment): Addon {
  return {
    name: 'external-dns',
    chart: CHARTS.externalDns,
    releaseName: 'external-dns',
    namespace: NAMESPACES.externalDns,
    ownsNamespace: true,
    podSecurity: 'restricted',
    syncWave: -5,
    values: typedValues<ExternalDnsValues>({
      provider: { name: 'aws' },
      sources: ['ingress'],
      // Production never deletes records on its own; staging keeps the zone in sync.
      policy: env.name === 'production' ? 'upsert-only' : 'sync',
      registry: 'txt',
      serviceAccount: { create: true, name: SERVICE_ACCOUNTS.externalDns },
      podSecurityContext: restrictedPodSecurityContext(65534),
      securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
    }),
    parameters: [
      { name: 'domainFilters[0]', value: clusterValue(CLUSTER_METADATA.route53ZoneName) },
      { name: 'txtOwnerId', value: clusterValue(CLUSTER_METADATA.clusterName) },
      { name: 'extraArgs[0]', value: `--zone-id-filter=${clusterValue(CLUSTER_METADATA.route53ZoneId)}` },
      { name: 'env[0].name', value: 'AWS_DEFAULT_REGION' },
      { name: 'env[0].value', value: clusterValue(CLUSTER_METADATA.awsRegion) },
    ],
    securityContextPaths: { pod: ['podSecurityContext'], container: ['securityContext'] },
  };
}

export function awsLoadBalancerController(): Addon {
  return {
    name: 'aws-load-balancer-controller',
    chart: CHARTS.awsLoadBalancerController,
    releaseName: 'aws-load-balancer-controller',
    namespace: NAMESPACES.loadBalancerController,
    ownsNamespace: false,
    podSecurity: 'restricted',
    syncWave: -10,
    values: typedValues<AwsLoadBalancerControllerValues>({
      replicaCount: 2,
      serviceAccount: { create: true, name: SERVICE_ACCOUNTS.loadBalancerController },
      enableServiceMutatorWebhook: false,
      podSecurityContext: restrictedPodSecurityContext(65534),
      securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
    }),
    parameters: [
      { name: 'clusterName', value: clusterValue(CLUSTER_METADATA.clusterName) },
      { name: 'region', value: clusterValue(CLUSTER_METADATA.awsRegion) },
      { name: 'vpcId', value: clusterValue(CLUSTER_METADATA.vpcId) },
    ],
    securityContextPaths: { pod: ['podSecurityContext'], container: ['securityContext'] },
  };
}
