/** What other workspaces (the workflow checks) may import from the local-cluster workspace. */
export { CLUSTER_NAME, DEFAULT_HOST_PORT } from './kind-config.js';
export { parseCliOptions } from './options.js';
export { ARGOCD_VERSION, KIND_NODE_IMAGE } from './versions.js';
