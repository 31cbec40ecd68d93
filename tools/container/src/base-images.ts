import { readFileSync } from 'node:fs';
import { DOCKERFILE_PATH } from './repository.js';

export interface BaseImage {
  /** The Dockerfile's build arg that names it. */
  arg: 'BUILD_BASE_IMAGE' | 'RUNTIME_BASE_IMAGE';
  /** The production reference, pinned by digest: `name:tag@sha256:…`. */
  pinned: string;
  /** The same without the digest: the name a local stand-in is tagged with. */
  name: string;
}

/**
 * The Dockerfile's base images, read from its `ARG BUILD_BASE_IMAGE=…` and
 * `ARG RUNTIME_BASE_IMAGE=…` defaults so the stand-ins always carry the names production pins.
 */
export function readBaseImages(dockerfile = readFileSync(DOCKERFILE_PATH, 'utf8')): {
  build: BaseImage;
  runtime: BaseImage;
} {
  const read = (arg: BaseImage['arg']): BaseImage => {
    const match = dockerfile.match(new RegExp(`^ARG ${arg}=(\\S+)$`, 'm'));
    if (!match?.[1]) throw new Error(`Dockerfile: no \`ARG ${arg}=<image>@sha256:<digest>\` line found`);
    const pinned = match[1];
    const at = pinned.indexOf('@sha256:');
    if (at < 0)
      throw new Error(`Dockerfile: ${arg}=${pinned} is not pinned by digest (append @sha256:<digest>)`);
    return { arg, pinned, name: pinned.slice(0, at) };
  };
  return { build: read('BUILD_BASE_IMAGE'), runtime: read('RUNTIME_BASE_IMAGE') };
}
