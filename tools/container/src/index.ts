/**
 * @slipway/container: build the service image and run it the way Kubernetes will, with podman
 * or docker. Used by this workspace's tests and by other workspaces that need the real image.
 */
export { type BaseImage, readBaseImages } from './base-images.js';
export {
  CONTAINERS_CONF_PATH,
  type ContainerEngine,
  containerEngineTool,
  detectEngine,
  type EngineCommand,
  engine,
  engineEnvironment,
} from './engine.js';
export { exportImageFilesystem, type ImageFacts, inspectImage } from './image-inspection.js';
export { compressedImageSize } from './image-size.js';
export { saveOciArchive } from './oci-archive.js';
export { ARTIFACTS_DIR, DOCKERFILE_PATH, REPOSITORY_ROOT } from './repository.js';
export {
  containerExitCode,
  containerLogs,
  containerProcessUser,
  createVolume,
  hardenedRunOptions,
  killContainer,
  type RunContainerOptions,
  type RunningContainer,
  removeContainer,
  removeVolume,
  runContainer,
  stopContainer,
  volumeMountpoint,
  waitForContainerExit,
} from './run-container.js';
export { type CycloneDxBom, packageName, type SbomComponent, serviceSbom } from './sbom.js';
export { ensureServiceImage, imageBuildArgs, imageBuildCommand, SERVICE_IMAGE } from './service-image.js';
export { baseImageSource, ensureStandInBaseImages, imageExists } from './stand-in-images.js';
