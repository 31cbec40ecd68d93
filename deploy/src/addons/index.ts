import type { AddonName, Environment } from '../environments/index.js';
import type { Addon } from './addon.js';
import { awsLoadBalancerController, externalDns, externalSecrets } from './aws.js';
import { karpenter } from './karpenter.js';
import { kubePrometheusStack, metricsServer } from './kube-prometheus-stack.js';
import { cloudnativePg, traefik } from './local.js';
import { alloy, loki, tempo } from './logging.js';

export type { Addon } from './addon.js';
export { storageClasses } from './storage-classes.js';

const BUILDERS: Record<AddonName, (env: Environment) => Addon> = {
  'kube-prometheus-stack': kubePrometheusStack,
  'metrics-server': metricsServer,
  loki,
  alloy,
  tempo,
  'external-secrets': externalSecrets,
  'external-dns': externalDns,
  'aws-load-balancer-controller': awsLoadBalancerController,
  traefik,
  'cloudnative-pg': cloudnativePg,
  karpenter,
};

export function addonsOf(env: Environment): Addon[] {
  return env.addons.map((name) => BUILDERS[name](env));
}
