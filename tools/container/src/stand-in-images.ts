import { join } from 'node:path';
import { readBaseImages } from './base-images.js';
import { detectEngine, engine, engineEnvironment } from './engine.js';
import { REPOSITORY_ROOT } from './repository.js';
import { runCommand } from './run-command.js';

const STAND_IN_SCRIPT = join(REPOSITORY_ROOT, 'tools/container/scripts/build-stand-in-base-images.sh');

/**
 * Which base images the image build uses: the official ones pinned in the Dockerfile, or local
 * TEST-HARNESS stand-ins of the same names (no registry is reachable on the development and CI
 * machines). `SLIPWAY_BASE_IMAGES=official|stand-in` decides; by default podman uses stand-ins
 * and docker the official images.
 */
export async function baseImageSource(): Promise<'official' | 'stand-in'> {
  const chosen = process.env.SLIPWAY_BASE_IMAGES;
  if (chosen === 'official' || chosen === 'stand-in') return chosen;
  if (chosen !== undefined) {
    throw new Error(`SLIPWAY_BASE_IMAGES=${chosen}: expected "official" or "stand-in"`);
  }
  return (await detectEngine()).command === 'podman' ? 'stand-in' : 'official';
}

export async function imageExists(reference: string): Promise<boolean> {
  const result = await engine(['image', 'inspect', reference], { allowFailure: true });
  return result.code === 0;
}

/**
 * TEST HARNESS: builds the stand-in base images (scripts/build-stand-in-base-images.sh) unless
 * both already exist locally. Returns their names.
 */
export async function ensureStandInBaseImages(): Promise<{ build: string; runtime: string }> {
  const { build, runtime } = readBaseImages();
  if ((await imageExists(build.name)) && (await imageExists(runtime.name))) {
    return { build: build.name, runtime: runtime.name };
  }
  const { command } = await detectEngine();
  await runCommand('bash', [STAND_IN_SCRIPT, build.name, runtime.name], {
    env: { ...engineEnvironment(), CONTAINER_ENGINE: command },
    echo: process.env.SLIPWAY_BUILD_VERBOSE === '1',
    timeoutMs: 10 * 60_000,
  });
  return { build: build.name, runtime: runtime.name };
}
