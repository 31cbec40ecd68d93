import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from './run-command.js';

export type EngineCommand = 'podman' | 'docker';

export interface ContainerEngine {
  command: EngineCommand;
}

/** This workspace's podman settings (runc, cgroupfs, permitted ulimits): see containers.conf. */
export const CONTAINERS_CONF_PATH = join(dirname(fileURLToPath(import.meta.url)), '../containers.conf');

/** The environment every engine command runs with: CONTAINERS_CONF points here unless already set. */
export function engineEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CONTAINERS_CONF: process.env.CONTAINERS_CONF ?? CONTAINERS_CONF_PATH,
    DOCKER_BUILDKIT: '1',
  };
}

/**
 * docker when a Docker engine answers (`docker info`), else podman when it works. The docker
 * client alone is not enough: some machines have the client without an engine.
 * `CONTAINER_ENGINE=podman|docker` forces one.
 */
export function detectEngineSync(): ContainerEngine | { command: null; reason: string } {
  const forced = process.env.CONTAINER_ENGINE;
  if (forced !== undefined && forced !== 'podman' && forced !== 'docker') {
    return { command: null, reason: `CONTAINER_ENGINE=${forced} is neither podman nor docker` };
  }
  const candidates: EngineCommand[] = forced ? [forced] : ['docker', 'podman'];
  for (const command of candidates) {
    const probe = spawnSync(command, ['info'], {
      stdio: 'ignore',
      timeout: 30_000,
      env: engineEnvironment(),
    });
    if (probe.status === 0) return { command };
  }
  return {
    command: null,
    reason: `no container engine: neither \`docker info\` nor \`podman info\` succeeded (install podman: apt-get install podman buildah runc)`,
  };
}

let detected: ContainerEngine | undefined;

/** The container engine to use; throws with what to install when there is none. */
export async function detectEngine(): Promise<ContainerEngine> {
  if (detected) return detected;
  const result = detectEngineSync();
  if (result.command === null) throw new Error(result.reason);
  detected = { command: result.command };
  return detected;
}

/** For `describeWithTool`: whether a container engine is usable here, and why not. */
export function containerEngineTool(): { available: boolean; reason: string } {
  const result = detectEngineSync();
  return result.command === null
    ? { available: false, reason: result.reason }
    : { available: true, reason: `${result.command} works` };
}

/** Runs `<engine> ...args` and returns stdout; throws with the command and its stderr on failure. */
export async function engine(
  args: string[],
  options: { input?: string; timeoutMs?: number; allowFailure?: boolean; echo?: boolean } = {},
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const { command } = await detectEngine();
  return runCommand(command, args, { ...options, env: engineEnvironment() });
}
