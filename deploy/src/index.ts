/**
 * What other workspaces may import from the deploy workspace: the environments and the committed
 * releases, the rendered objects (for the manifest checks in tools/manifest-checks), the names the
 * local cluster and the workflow checks share with the manifests, and the promote command's rules.
 */

export { CHARTS } from './addons/chart-versions.js';
export type { Addon } from './addons/index.js';
export { addonsOf } from './addons/index.js';
export { TRAEFIK_WEB_NODE_PORT } from './addons/local.js';
export type { Environment, EnvironmentName, Releases } from './environments/index.js';
export { environmentByName, environments, LOCAL_IMAGE, localEnvironment } from './environments/index.js';
export {
  APP_FOLDERS,
  type AppFolder,
  appPath,
  IN_CLUSTER,
  REPOSITORY_SOURCE_LABEL,
} from './gitops/argocd.js';
export { SERVICE_KINDS } from './gitops/projects.js';
export type { KubeObject } from './objects/kube-object.js';
export { type Waiver, waiversOf } from './objects/waivers.js';
export { promotionRequest } from './promotion/promote.js';
export { releasesFileText, UNRELEASED_DIGEST } from './promotion/releases-schema.js';
export { RELEASES } from './releases.js';
export { type RenderedEnvironment, renderEnvironments } from './render/environment-manifests.js';
export { describeObject, objectId, type RenderedObject, renderedObjects } from './render/rendered-objects.js';
