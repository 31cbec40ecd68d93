/**
 * What makes a design unworkable before any machine exists: a control plane that cannot keep
 * etcd quorum, addresses outside the node network, and address ranges that collide (a pod or
 * Service range overlapping the machines' network, or an AWS environment's VPC it may one day be
 * connected to, makes some destinations unreachable from some pods). Each problem says what to change.
 */
import { AWS_ENVIRONMENT_NAMES, AWS_ENVIRONMENTS } from '@slipway/contract';
import type { ClusterDesign } from './cluster-design.js';
import { type Cidr, contains, overlaps, parseCidr, parseIpv4 } from './ipv4-cidr.js';

/** kube-apiserver refuses an IPv4 Service range larger than /12 (2^20 addresses). */
export const LARGEST_SERVICE_SUBNET_PREFIX = 12;

const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const RELEASE = /^v1\.\d+\.\d+$/;

function quorumProblems(design: ClusterDesign): string[] {
  const n = design.controlPlane.length;
  if (n < 3)
    return [
      `controlPlane: ${n} node(s). Stacked etcd runs a member on each and needs a majority (${Math.floor(n / 2) + 1} of ${n}) to write: ${n === 2 ? 'losing either node stops the cluster, so two are less available than one' : 'one node is a single point of failure'}. Use 3 (survives 1 loss) or 5 (survives 2).`,
    ];
  if (n % 2 === 0)
    return [
      `controlPlane: ${n} nodes. An even count raises the quorum to ${n / 2 + 1} without surviving more losses than ${n - 1} nodes would; use ${n - 1} or ${n + 1}.`,
    ];
  return [];
}

function ranges(design: ClusterDesign, problems: string[]): { name: string; block: Cidr }[] {
  const named: [string, string][] = [
    ['nodeNetwork', design.nodeNetwork],
    ['podSubnet', design.podSubnet],
    ['serviceSubnet', design.serviceSubnet],
    ...AWS_ENVIRONMENTS.map((env): [string, string] => [
      `the ${env} VPC (@slipway/contract)`,
      AWS_ENVIRONMENT_NAMES[env].vpcCidr,
    ]),
  ];
  return named.flatMap(([name, text]) => {
    try {
      return [{ name, block: parseCidr(text) }];
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      return [];
    }
  });
}

function rangeProblems(design: ClusterDesign, blocks: { name: string; block: Cidr }[]): string[] {
  const problems: string[] = [];
  for (const [i, a] of blocks.entries()) {
    for (const b of blocks.slice(i + 1)) {
      if (overlaps(a.block, b.block))
        problems.push(
          `${a.name} ${a.block.text} overlaps ${b.name} ${b.block.text}: traffic to the shared addresses would go to the wrong place; pick disjoint ranges.`,
        );
    }
  }
  const pod = blocks.find((b) => b.name === 'podSubnet')?.block;
  if (pod && design.nodeCidrMaskSize <= pod.prefix)
    problems.push(
      `nodeCidrMaskSize /${design.nodeCidrMaskSize} must be longer than podSubnet /${pod.prefix}, so each node gets a slice of it.`,
    );
  const service = blocks.find((b) => b.name === 'serviceSubnet')?.block;
  if (service && service.prefix < LARGEST_SERVICE_SUBNET_PREFIX)
    problems.push(
      `serviceSubnet ${service.text} is larger than /${LARGEST_SERVICE_SUBNET_PREFIX}, which kube-apiserver refuses.`,
    );
  return problems;
}

function addressProblems(design: ClusterDesign, nodeNetwork: Cidr | undefined): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const machines = [
    ...design.controlPlane.map((m) => ({ what: `controlPlane ${m.name}`, address: m.address })),
    ...design.apiLoadBalancers.map((m) => ({ what: `apiLoadBalancers ${m.name}`, address: m.address })),
    { what: 'apiEndpoint.virtualAddress', address: design.apiEndpoint.virtualAddress },
  ];
  for (const { what, address } of machines) {
    let value: number;
    try {
      value = parseIpv4(address);
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
      continue;
    }
    if (nodeNetwork && !contains(nodeNetwork, value))
      problems.push(`${what} ${address} is outside nodeNetwork ${nodeNetwork.text}.`);
    const other = seen.get(address);
    if (other)
      problems.push(
        `${what} ${address} is also ${other}: every machine and the virtual IP need their own address.`,
      );
    seen.set(address, what);
  }
  const names = [...design.controlPlane, ...design.apiLoadBalancers].map((m) => m.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i)))
    problems.push(`machine name ${name} is used twice; node names must be unique.`);
  for (const name of names)
    if (!DNS_NAME.test(name))
      problems.push(`machine name ${JSON.stringify(name)} is not a valid node name (RFC 1123).`);
  if (design.apiLoadBalancers.length < 2)
    problems.push(
      'apiLoadBalancers: one load balancer is a single point of failure for the whole API; use a pair.',
    );
  return problems;
}

/** Every problem with the design; empty when it is workable. */
export function designProblems(design: ClusterDesign): string[] {
  const problems = quorumProblems(design);
  const blocks = ranges(design, problems);
  problems.push(...rangeProblems(design, blocks));
  problems.push(...addressProblems(design, blocks.find((b) => b.name === 'nodeNetwork')?.block));
  if (!DNS_NAME.test(design.apiEndpoint.dnsName))
    problems.push(`apiEndpoint.dnsName ${JSON.stringify(design.apiEndpoint.dnsName)} is not a DNS name.`);
  for (const [what, port] of [
    ['apiEndpoint.port', design.apiEndpoint.port],
    ['apiServerBindPort', design.apiServerBindPort],
  ] as const)
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      problems.push(`${what} ${port} is not a TCP port.`);
  if (!RELEASE.test(design.kubernetesVersion))
    problems.push(
      `kubernetesVersion ${JSON.stringify(design.kubernetesVersion)}: pin an exact release such as v1.36.0 (a label like stable-1.36 moves).`,
    );
  if (!design.criSocket.startsWith('unix:///') || !design.criSocket.includes('containerd'))
    problems.push(
      `criSocket ${design.criSocket}: the nodes run containerd; use unix:///var/run/containerd/containerd.sock.`,
    );
  return problems;
}
