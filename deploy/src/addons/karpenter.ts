/**
 * Karpenter: adds nodes when pods do not fit (the HPA's new replicas) and removes them when they
 * empty. It runs on the managed node group (its chart keeps it off the nodes it launches), with the
 * identity infra/ creates (Pod Identity, policy scoped to this cluster) and the interruption queue
 * infra/ feeds. The NodePool says what may be launched and how much; the EC2NodeClass how: infra's
 * node role, the private subnets infra tags for discovery, the cluster security group, IMDSv2 with
 * one hop and encrypted gp3 disks, as on the managed nodes.
 */
import { EC2NodeClass } from '@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass';
import { NodePool } from '@kubernetes-models/karpenter/karpenter.sh/v1/NodePool';
import { KARPENTER_DISCOVERY_TAG, NAMESPACES, SERVICE_ACCOUNTS, SERVICE_NAME } from '@slipway/contract';
import type { Environment } from '../environments/index.js';
import { type Addon, restrictedPodSecurityContext, typedValues } from './addon.js';
import type { KarpenterValues } from './chart-values.js';
import { CHARTS } from './chart-versions.js';

export const NODE_CLASS = 'general';

/** What each environment's NodePool may add on top of the managed node group. */
const CAPACITY = {
  staging: { cpuLimit: '16', capacityTypes: ['spot', 'on-demand'] },
  production: { cpuLimit: '48', capacityTypes: ['on-demand'] },
} as const;

export function karpenter(env: Environment): Addon {
  const aws = env.aws;
  if (aws === undefined || env.name === 'local')
    throw new Error(`environment ${env.name}: Karpenter runs on EKS only`);
  return {
    name: 'karpenter',
    chart: CHARTS.karpenter,
    releaseName: 'karpenter',
    namespace: NAMESPACES.karpenter,
    ownsNamespace: false,
    podSecurity: 'restricted',
    syncWave: -10,
    values: typedValues<KarpenterValues>({
      settings: { clusterName: aws.clusterName, interruptionQueue: aws.karpenter.interruptionQueue },
      serviceAccount: { create: true, name: SERVICE_ACCOUNTS.karpenter },
      replicas: 2,
      podSecurityContext: restrictedPodSecurityContext(65532),
      controller: { resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } } },
    }),
    securityContextPaths: { pod: ['podSecurityContext'] },
    companions: [nodeClass(env), nodePool(env)],
  };
}

function nodeClass(env: Environment): EC2NodeClass {
  const aws = env.aws!;
  return new EC2NodeClass({
    metadata: { name: NODE_CLASS },
    spec: {
      role: aws.karpenter.nodeRole,
      // The newest Amazon Linux 2023 EKS AMI: a new AMI drifts the nodes, which Karpenter replaces
      // within the NodePool's disruption budget (security fixes arrive without a deploy).
      amiSelectorTerms: [{ alias: 'al2023@latest' }],
      subnetSelectorTerms: [{ tags: { [KARPENTER_DISCOVERY_TAG]: aws.clusterName } }],
      // EKS tags the cluster security group with the cluster's name; the database admits that group.
      securityGroupSelectorTerms: [{ tags: { 'aws:eks:cluster-name': aws.clusterName } }],
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', ebs: { volumeSize: '50Gi', volumeType: 'gp3', encrypted: true } },
      ],
      tags: { service: SERVICE_NAME, environment: aws.name },
    },
  });
}

function nodePool(env: Environment): NodePool {
  const capacity = CAPACITY[env.name as keyof typeof CAPACITY];
  return new NodePool({
    metadata: { name: NODE_CLASS },
    spec: {
      template: {
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: NODE_CLASS },
          requirements: [
            // The image is built for arm64 and amd64; Graviton is cheaper per vCPU.
            { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
            { key: 'karpenter.sh/capacity-type', operator: 'In', values: [...capacity.capacityTypes] },
            { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r', 't'] },
            { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['5'] },
          ],
          expireAfter: '720h',
        },
      },
      limits: { cpu: capacity.cpuLimit },
      disruption: {
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        consolidateAfter: '5m',
        budgets: [{ nodes: '10%' }],
      },
    },
  });
}
