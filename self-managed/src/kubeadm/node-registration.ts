import type { ClusterDesign, Machine } from '../design/cluster-design.js';
import type { InitConfiguration } from './v1beta4-schema.js';

type NodeRegistration = NonNullable<InitConfiguration['nodeRegistration']>;

export const CONTROL_PLANE_TAINT = {
  key: 'node-role.kubernetes.io/control-plane',
  effect: 'NoSchedule',
} as const;

/**
 * How a control-plane node registers: its name, containerd, the control-plane taint (only the
 * control plane runs there) and its address on the private network, which the kubelet would
 * otherwise guess from the default route.
 */
export function controlPlaneRegistration(design: ClusterDesign, node: Machine): NodeRegistration {
  return {
    name: node.name,
    criSocket: design.criSocket,
    taints: [{ ...CONTROL_PLANE_TAINT }],
    kubeletExtraArgs: [{ name: 'node-ip', value: node.address }],
    imagePullPolicy: 'IfNotPresent',
  };
}

/** Workers register under their host name, untainted, with containerd. */
export function workerRegistration(design: ClusterDesign): NodeRegistration {
  return { criSocket: design.criSocket, imagePullPolicy: 'IfNotPresent' };
}
