/**
 * The self-managed production cluster, as data: what docs/self-managed-cluster.md argues for,
 * in the shape the kubeadm configuration, the API load balancer and the checks are generated
 * from. Change the cluster here; `npm run kubeadm:config` renders the files.
 */
import { SERVICE_NAME } from '@slipway/contract';

export interface Machine {
  name: string;
  /** Address on the private node network. */
  address: string;
}

export interface ClusterDesign {
  clusterName: string;
  /** Exact release: kubeadm, kubelet and kubectl packages are pinned to it on every machine. */
  kubernetesVersion: string;
  /** The machines' private network. */
  nodeNetwork: string;
  /** Pod addresses; each node gets a /nodeCidrMaskSize slice of it. */
  podSubnet: string;
  nodeCidrMaskSize: number;
  /** ClusterIP Service addresses. */
  serviceSubnet: string;
  dnsDomain: string;
  /**
   * The one address every client, kubelet and joining node uses for the API: a DNS name that
   * resolves to a virtual IP held by the load balancer pair (keepalived), so either the name or
   * the machines behind it can change without re-issuing certificates.
   */
  apiEndpoint: { dnsName: string; virtualAddress: string; port: number };
  /** Port each kube-apiserver listens on, on its own node; the load balancer's backends. */
  apiServerBindPort: number;
  /** Odd, at least three: stacked etcd runs one member per control-plane node. */
  controlPlane: Machine[];
  /** HAProxy + keepalived pair in front of the API servers. */
  apiLoadBalancers: Machine[];
  /** The CRI endpoint of containerd, the runtime every node runs. */
  criSocket: string;
  etcd: { topology: 'stacked'; dataDir: string };
}

export const SELF_MANAGED_CLUSTER: ClusterDesign = {
  clusterName: `${SERVICE_NAME}-self-managed`,
  kubernetesVersion: 'v1.36.0',
  nodeNetwork: '10.30.0.0/24',
  podSubnet: '10.244.0.0/16',
  nodeCidrMaskSize: 24,
  serviceSubnet: '10.96.0.0/16',
  dnsDomain: 'cluster.local',
  apiEndpoint: { dnsName: 'k8s-api.slipway.internal', virtualAddress: '10.30.0.10', port: 6443 },
  apiServerBindPort: 6443,
  controlPlane: [
    { name: 'cp-1', address: '10.30.0.11' },
    { name: 'cp-2', address: '10.30.0.12' },
    { name: 'cp-3', address: '10.30.0.13' },
  ],
  apiLoadBalancers: [
    { name: 'lb-1', address: '10.30.0.5' },
    { name: 'lb-2', address: '10.30.0.6' },
  ],
  criSocket: 'unix:///var/run/containerd/containerd.sock',
  etcd: { topology: 'stacked', dataDir: '/var/lib/etcd' },
};

/** `k8s-api.slipway.internal:6443`: ClusterConfiguration.controlPlaneEndpoint and the join address. */
export function controlPlaneEndpoint(design: ClusterDesign): string {
  return `${design.apiEndpoint.dnsName}:${design.apiEndpoint.port}`;
}
