import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The deploy workspace's folder, wherever the command runs from. */
export const DEPLOY_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFESTS_DIR = join(DEPLOY_DIR, 'manifests');
export const RELEASES_FILE = join(DEPLOY_DIR, 'src', 'releases.ts');
