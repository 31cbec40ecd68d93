/** What other workspaces (tools/local-cluster, tests) may import from the deploy workspace. */

export { CHARTS } from './addons/chart-versions.js';
export { TRAEFIK_WEB_NODE_PORT } from './addons/local.js';
export type { Environment, EnvironmentName } from './environments/index.js';
export { environmentByName, environments } from './environments/index.js';
export { LOCAL_IMAGE } from './environments/local.js';
export { APP_FOLDERS, appPath } from './gitops/argocd.js';
export { promotionRequest } from './promotion/promote.js';
export { releasesFileText, UNRELEASED_DIGEST } from './releases-schema.js';
