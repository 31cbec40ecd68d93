import { AWS_ENVIRONMENT_NAMES } from '@slipway/contract';
import { describe, expect, it } from 'vitest';
import { type ClusterDesign, SELF_MANAGED_CLUSTER } from '../src/design/cluster-design.js';
import { designProblems } from '../src/design/design-checks.js';

const withChanges = (changes: Partial<ClusterDesign>): ClusterDesign => ({
  ...SELF_MANAGED_CLUSTER,
  ...changes,
});
const nodes = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ name: `cp-${i + 1}`, address: `10.30.0.${11 + i}` }));

describe('the self-managed cluster design', () => {
  it('is workable as shipped', () => {
    expect(designProblems(SELF_MANAGED_CLUSTER)).toEqual([]);
    expect(SELF_MANAGED_CLUSTER.controlPlane).toHaveLength(3);
  });

  it('refuses two control-plane nodes: stacked etcd would stop on the loss of either', () => {
    const problems = designProblems(withChanges({ controlPlane: nodes(2) }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/2 node\(s\).*majority \(2 of 2\).*less available than one.*Use 3/);
  });

  it('refuses an even count and accepts five', () => {
    expect(designProblems(withChanges({ controlPlane: nodes(4) }))[0]).toMatch(/even count.*use 3 or 5/);
    expect(designProblems(withChanges({ controlPlane: nodes(5) }))).toEqual([]);
  });

  it('refuses pod or Service ranges that overlap each other, the node network or an AWS VPC', () => {
    expect(designProblems(withChanges({ podSubnet: '10.30.0.0/16' }))).toContainEqual(
      expect.stringMatching(/^nodeNetwork 10\.30\.0\.0\/24 overlaps podSubnet 10\.30\.0\.0\/16/),
    );
    expect(designProblems(withChanges({ serviceSubnet: '10.244.128.0/20' }))).toContainEqual(
      expect.stringMatching(/podSubnet .* overlaps serviceSubnet/),
    );
    const stagingVpc = AWS_ENVIRONMENT_NAMES.staging.vpcCidr;
    expect(designProblems(withChanges({ podSubnet: stagingVpc }))).toContainEqual(
      expect.stringMatching(/podSubnet .* overlaps the staging VPC \(@slipway\/contract\)/),
    );
  });

  it('refuses addresses outside the node network, shared addresses and malformed ranges', () => {
    const problems = designProblems(
      withChanges({
        controlPlane: [
          { name: 'cp-1', address: '10.31.0.11' },
          { name: 'cp-2', address: '10.30.0.10' },
          { name: 'cp-3', address: '10.30.0.13' },
        ],
        serviceSubnet: '10.96.0.1/16',
      }),
    );
    expect(problems).toContainEqual('controlPlane cp-1 10.31.0.11 is outside nodeNetwork 10.30.0.0/24.');
    expect(problems).toContainEqual(
      expect.stringMatching(/^apiEndpoint.virtualAddress 10\.30\.0\.10 is also controlPlane cp-2/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^serviceSubnet: 10\.96\.0\.1\/16: the address has bits set after \/16/),
    );
  });

  it('refuses a Service range kube-apiserver would not accept, a pod range too small to split, one load balancer, a moving version', () => {
    const problems = designProblems(
      withChanges({
        serviceSubnet: '10.64.0.0/11',
        nodeCidrMaskSize: 16,
        apiLoadBalancers: [{ name: 'lb-1', address: '10.30.0.5' }],
        kubernetesVersion: 'stable-1.36',
      }),
    );
    expect(problems).toEqual([
      'nodeCidrMaskSize /16 must be longer than podSubnet /16, so each node gets a slice of it.',
      'serviceSubnet 10.64.0.0/11 is larger than /12, which kube-apiserver refuses.',
      'apiLoadBalancers: one load balancer is a single point of failure for the whole API; use a pair.',
      'kubernetesVersion "stable-1.36": pin an exact release such as v1.36.0 (a label like stable-1.36 moves).',
    ]);
  });
});
