import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the image's build context. */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DOCKERFILE_PATH = join(REPOSITORY_ROOT, 'Dockerfile');
/** Where `sbom` and `export` write (gitignored). */
export const ARTIFACTS_DIR = join(REPOSITORY_ROOT, 'artifacts');
