/**
 * @slipway/self-managed: the kubeadm production cluster for when EKS is not an option, as a typed
 * design, its checks, and the files it renders (see README.md and docs/self-managed-cluster.md).
 */
export {
  type ClusterDesign,
  controlPlaneEndpoint,
  type Machine,
  SELF_MANAGED_CLUSTER,
} from './design/cluster-design.js';
export { designProblems } from './design/design-checks.js';
export { configurationProblems } from './kubeadm/validate.js';
export { kubeadmFiles, type RenderedFile } from './render/kubeadm-files.js';
