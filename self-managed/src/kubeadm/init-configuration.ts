import type { ClusterDesign } from '../design/cluster-design.js';
import { controlPlaneRegistration } from './node-registration.js';
import { type InitConfiguration, KUBEADM_API_VERSION } from './v1beta4-schema.js';

/**
 * `kubeadm init` on the first control-plane node. No bootstrap token or certificate key: kubeadm
 * generates both (run with `--upload-certs`) and prints them, so no secret is ever in a file
 * rendered ahead of time.
 */
export function initConfiguration(design: ClusterDesign): InitConfiguration {
  const first = design.controlPlane[0];
  if (!first) throw new Error('the design has no control-plane node to initialise');
  return {
    apiVersion: KUBEADM_API_VERSION,
    kind: 'InitConfiguration',
    nodeRegistration: controlPlaneRegistration(design, first),
    localAPIEndpoint: { advertiseAddress: first.address, bindPort: design.apiServerBindPort },
  };
}
