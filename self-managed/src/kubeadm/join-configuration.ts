import { type ClusterDesign, controlPlaneEndpoint, type Machine } from '../design/cluster-design.js';
import type { JoinSecrets } from './join-secrets.js';
import { controlPlaneRegistration, workerRegistration } from './node-registration.js';
import { type JoinConfiguration, KUBEADM_API_VERSION } from './v1beta4-schema.js';

function discovery(design: ClusterDesign, secrets: JoinSecrets): JoinConfiguration['discovery'] {
  return {
    // Through the load-balanced endpoint, and pinned to the cluster CA: a joining node trusts
    // nothing it has not checked against the hash.
    bootstrapToken: {
      token: secrets.bootstrapToken,
      apiServerEndpoint: controlPlaneEndpoint(design),
      caCertHashes: [secrets.caCertHash],
    },
  };
}

/** `kubeadm join` for the second and later control-plane nodes: a stacked etcd member and an API server each. */
export function controlPlaneJoinConfiguration(
  design: ClusterDesign,
  node: Machine,
  secrets: JoinSecrets,
): JoinConfiguration {
  return {
    apiVersion: KUBEADM_API_VERSION,
    kind: 'JoinConfiguration',
    nodeRegistration: controlPlaneRegistration(design, node),
    discovery: discovery(design, secrets),
    controlPlane: {
      localAPIEndpoint: { advertiseAddress: node.address, bindPort: design.apiServerBindPort },
      certificateKey: secrets.certificateKey,
    },
  };
}

/** `kubeadm join` for a worker. */
export function workerJoinConfiguration(design: ClusterDesign, secrets: JoinSecrets): JoinConfiguration {
  return {
    apiVersion: KUBEADM_API_VERSION,
    kind: 'JoinConfiguration',
    nodeRegistration: workerRegistration(design),
    discovery: discovery(design, secrets),
  };
}
