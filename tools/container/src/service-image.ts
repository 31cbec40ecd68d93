import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAME } from '@slipway/contract';
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

/** Label carrying a hash of everything the build reads; an image with the same hash is current. */
export const BUILD_INPUT_LABEL = 'org.slipway.build-input';

function contextFiles(): string[] {
  // The build context is .dockerignore's allowlist: `*` then `!path` lines.
  const allowed = readFileSync(join(REPOSITORY_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1).replace(/\/$/, ''));
  const files: string[] = [];
  const visit = (path: string) => {
    const absolute = join(REPOSITORY_ROOT, path);
    if (!existsSync(absolute)) return;
    if (statSync(absolute).isDirectory()) {
      for (const name of readdirSync(absolute).sort()) visit(`${path}/${name}`);
    } else files.push(path);
  };
  for (const path of allowed) visit(path);
  return ['Dockerfile', '.dockerignore', ...files];
}

/** A hash of the Dockerfile, the build context, the build command and the base images' ids. */
async function buildInputHash(buildCommand: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const path of contextFiles()) {
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(REPOSITORY_ROOT, path)));
  }
  hash.update(JSON.stringify(buildCommand));
  for (const arg of buildCommand.filter((value) => /^(BUILD|RUNTIME)_BASE_IMAGE=/.test(value))) {
    const id = await engine(['image', 'inspect', '--format', '{{.Id}}', arg.slice(arg.indexOf('=') + 1)], {
      allowFailure: true,
    });
    hash.update(id.stdout.trim());
  }
  return hash.digest('hex');
}

async function currentBuildInput(image: string): Promise<string | undefined> {
  const result = await engine(
    ['image', 'inspect', '--format', `{{index .Config.Labels "${BUILD_INPUT_LABEL}"}}`, image],
    {
      allowFailure: true,
    },
  );
  return result.code === 0 ? result.stdout.trim() : undefined;
}

let built: Promise<string> | undefined;

/**
 * Builds the service image from the repository's Dockerfile (and, with podman, the stand-in base
 * images first when they are missing) and returns its local reference. Once per process; across
 * processes a machine-wide lock serializes builds, and an image whose build-input label matches
 * (same Dockerfile, context, build args and base images) is used as it is.
 */
export function ensureServiceImage(): Promise<string> {
  built ??= withImageBuildLock(async () => {
    const command = await imageBuildCommand();
    const input = await buildInputHash(command);
    // The same inputs were built already (another test file, another workspace's suite).
    if ((await currentBuildInput(SERVICE_IMAGE)) === input) return SERVICE_IMAGE;
    command.splice(command.length - 1, 0, '--label', `${BUILD_INPUT_LABEL}=${input}`);
    await engine(command, {
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
