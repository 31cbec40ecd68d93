/**
 * Every NetworkPolicy ⇒ something enforces it. On EKS that is the VPC CNI's network policy agent
 * (`enableNetworkPolicy` in the vpc-cni add-on's configuration); without it the API server accepts
 * the policies and no packet is ever dropped, so the default-deny exists only on paper.
 */
import { enabledSections } from '../layers/chart-facts.js';
import { resourcesOfType } from '../layers/infra-templates.js';
import type { Layers } from '../layers/layers.js';
import { describeManifest } from '../layers/rendered-manifests.js';

export function networkPolicyEnforcement(layers: Layers): string[] {
  if (layers.infra === undefined) return [];
  const policies = [
    ...layers.manifests.filter((m) => m.kind === 'NetworkPolicy').map(describeManifest),
    ...layers.releases.flatMap((r) =>
      enabledSections(r.values, 'networkPolicy').map((path) => `${r.application} (${path})`),
    ),
  ];
  if (policies.length === 0) return [];
  const [vpcCni] = resourcesOfType(layers.infra, 'AWS::EKS::Addon').filter(
    (r) => r.properties.AddonName === 'vpc-cni',
  );
  const configuration = JSON.parse((vpcCni?.properties.ConfigurationValues as string | undefined) ?? '{}');
  if (String(configuration.enableNetworkPolicy) === 'true') return [];
  return [
    `${layers.environment}: ${policies.length} network policies (${policies.slice(0, 3).join(', ')}${policies.length > 3 ? ', …' : ''}) ` +
      `but ${vpcCni ? 'the vpc-cni add-on does not enforce them (configurationValues.enableNetworkPolicy is not "true")' : 'no vpc-cni add-on'} ` +
      `in the ${vpcCni?.stack ?? 'cluster'} stack: turn on the network policy agent in infra/src/constructs/cluster-addons.ts.`,
  ];
}
