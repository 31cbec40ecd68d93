/**
 * A HorizontalPodAutoscaler on AWS ⇒ nodes that grow with it: Karpenter installed, a NodePool, and
 * its pieces agreeing with infra (the EC2NodeClass's node role and subnet tag, the interruption
 * queue and cluster name in the chart's settings). With fixed node groups the HPA adds pods that
 * stay Pending once the nodes are full, and the runbook's "scale out" does nothing.
 */
import { AWS_ENVIRONMENT_NAMES, KARPENTER_DISCOVERY_TAG } from '@slipway/contract';
import { valueAt } from '../layers/chart-releases.js';
import { resourcesOfType } from '../layers/infra-templates.js';
import { isAwsEnvironment, type Layers } from '../layers/layers.js';
import type { Json } from '../layers/rendered-manifests.js';

export function nodeAutoscaling(layers: Layers): string[] {
  if (layers.infra === undefined || !isAwsEnvironment(layers.environment)) return [];
  const autoscalers = layers.manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler');
  if (autoscalers.length === 0) return [];
  const names = AWS_ENVIRONMENT_NAMES[layers.environment];
  const env = layers.environment;
  const karpenter = layers.releases.find((r) => r.chart === 'karpenter');
  const nodePools = layers.manifests.filter((m) => m.kind === 'NodePool');
  const nodeClasses = layers.manifests.filter((m) => m.kind === 'EC2NodeClass');
  if (karpenter === undefined || nodePools.length === 0)
    return [
      `${env}: ${autoscalers.length} HorizontalPodAutoscaler(s) add pods, but nothing adds nodes (${karpenter ? 'no NodePool' : 'Karpenter is not installed'}): pods beyond the fixed node group stay Pending.`,
    ];

  const problems: string[] = [];
  const roles = resourcesOfType(layers.infra, 'AWS::IAM::Role').map((r) => r.properties.RoleName);
  const queues = resourcesOfType(layers.infra, 'AWS::SQS::Queue').map((r) => r.properties.QueueName);
  const taggedSubnets = resourcesOfType(layers.infra, 'AWS::EC2::Subnet').filter((s) =>
    (s.properties.Tags as Json[]).some(
      (t) => t.Key === KARPENTER_DISCOVERY_TAG && t.Value === names.clusterName,
    ),
  );
  for (const pool of nodePools) {
    const classRef = pool.object.spec?.template?.spec?.nodeClassRef?.name;
    if (!nodeClasses.some((c) => c.name === classRef))
      problems.push(
        `${env}: NodePool ${pool.name} refers to EC2NodeClass ${classRef}, which is not rendered.`,
      );
  }
  for (const nodeClass of nodeClasses) {
    const spec = nodeClass.object.spec ?? {};
    if (!roles.includes(spec.role))
      problems.push(
        `${env}: EC2NodeClass ${nodeClass.name} launches nodes with role ${spec.role}, which infra does not create (it creates ${names.karpenter.nodeRole}).`,
      );
    const subnetTags = (spec.subnetSelectorTerms ?? []).map((t: Json) => t.tags?.[KARPENTER_DISCOVERY_TAG]);
    if (!subnetTags.includes(names.clusterName) || taggedSubnets.length === 0)
      problems.push(
        `${env}: EC2NodeClass ${nodeClass.name} selects subnets by ${KARPENTER_DISCOVERY_TAG}=${subnetTags.join(',')}, but infra tags ${taggedSubnets.length} subnets with ${names.clusterName}.`,
      );
  }
  const queue = valueAt(karpenter.values, 'settings.interruptionQueue');
  if (!queues.includes(queue))
    problems.push(
      `${env}: Karpenter reads interruption queue ${queue}, which infra does not create (it creates ${queues.join(', ') || 'none'}).`,
    );
  if (valueAt(karpenter.values, 'settings.clusterName') !== names.clusterName)
    problems.push(
      `${env}: Karpenter's settings.clusterName is ${valueAt(karpenter.values, 'settings.clusterName')}, not ${names.clusterName}.`,
    );
  return problems;
}
