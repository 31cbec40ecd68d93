import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The compose file Docker Compose and podman-compose run. */
export const COMPOSE_FILE = join(REPOSITORY_ROOT, 'compose.yaml');
/** Where `npm run dev:stack` writes what compose.yaml mounts (gitignored: `dist/`). */
export const STACK_FILES_DIR = join(REPOSITORY_ROOT, 'tools/dev-stack/dist');
/** The same folder as compose.yaml names it, relative to the repository root. */
export const STACK_FILES_COMPOSE_PATH = './tools/dev-stack/dist';
