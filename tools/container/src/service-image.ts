import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAME } from '@slipway/service/contract';
import { withImageBuildLock } from './build-lock.js';
import { detectEngine, engine } from './engine.js';
import { DOCKERFILE_PATH, REPOSITORY_ROOT } from './repository.js';
import { runCommand } from './run-command.js';
import { baseImageSource, ensureStandInBaseImages } from './stand-in-images.js';

/** The local reference the service image is tagged with. */
export const SERVICE_IMAGE = `localhost/${SERVICE_NAME}:local`;

async function git(args: string[]): Promise<string | undefined> {
  const result = await runCommand('git', args, { cwd: REPOSITORY_ROOT, allowFailure: true }).catch(
    () => undefined,
  );
  return result?.code === 0 ? result.stdout.trim() || undefined : undefined;
}

/**
 * The build args that describe this build. BUILD_TIME is the commit's time, not the wall clock,
 * so building the same commit twice gives the same image (and the build cache holds).
 */
export async function imageBuildArgs(): Promise<Record<string, string>> {
  const service = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'service/package.json'), 'utf8')) as {
    version: string;
  };
  const args: Record<string, string> = {
    VERSION: service.version,
    GIT_COMMIT: (await git(['rev-parse', 'HEAD'])) ?? 'unknown',
    BUILD_TIME: (await git(['log', '-1', '--format=%cI'])) ?? new Date().toISOString(),
  };
  const source = await git(['remote', 'get-url', 'origin']);
  if (source) args.SOURCE_URL = source;
  // npm inside the build uses the registry this machine's npm is configured for.
  const registry = await runCommand('npm', ['config', 'get', 'registry'], { allowFailure: true }).catch(
    () => undefined,
  );
  const registryUrl = registry?.stdout.trim();
  if (registry?.code === 0 && registryUrl) args.NPM_CONFIG_REGISTRY = registryUrl;
  return args;
}

/** The `build` command line for this engine (without the engine's name). */
export async function imageBuildCommand(tag = SERVICE_IMAGE): Promise<string[]> {
  const { command } = await detectEngine();
  const args = ['build', '--file', DOCKERFILE_PATH, '--tag', tag, '--network=host'];
  if ((await baseImageSource()) === 'stand-in') {
    const bases = await ensureStandInBaseImages();
    args.push('--build-arg', `BUILD_BASE_IMAGE=${bases.build}`);
    args.push('--build-arg', `RUNTIME_BASE_IMAGE=${bases.runtime}`);
    // Never reach for a registry: the stand-ins are local.
    if (command === 'podman') args.push('--pull=never');
  }
  for (const [name, value] of Object.entries(await imageBuildArgs())) {
    args.push('--build-arg', `${name}=${value}`);
  }
  // Behind a TLS-intercepting proxy: the CA file is a build secret, mounted for the npm steps
  // only and never written to a layer.
  const extraCa = process.env.NODE_EXTRA_CA_CERTS;
  if (extraCa && existsSync(extraCa)) args.push('--secret', `id=npmca,src=${extraCa}`);
  args.push(REPOSITORY_ROOT);
  return args;
}

let built: Promise<string> | undefined;

/**
 * Builds the service image from the repository's Dockerfile (and, with podman, the stand-in base
 * images first when they are missing) and returns its local reference. Once per process; across
 * processes a machine-wide lock serializes builds and the engine's layer cache makes a repeat
 * build take seconds.
 */
export function ensureServiceImage(): Promise<string> {
  built ??= withImageBuildLock(async () => {
    await engine(await imageBuildCommand(), {
      timeoutMs: 15 * 60_000,
      echo: process.env.SLIPWAY_BUILD_VERBOSE === '1',
    });
    return SERVICE_IMAGE;
  }).catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}
