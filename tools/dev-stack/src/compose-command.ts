/**
 * The compose implementation to run: `docker compose` where a Docker engine answers, else
 * podman-compose (the engine choice is @slipway/container's, so the image and the stack always
 * use the same engine).
 */
import { spawnSync } from 'node:child_process';
import { detectEngine, engineEnvironment } from '@slipway/container';
import { COMPOSE_FILE, REPOSITORY_ROOT } from './paths.js';

export interface ComposeCommand {
  command: string;
  args: string[];
}

export async function composeCommand(): Promise<ComposeCommand> {
  const { command } = await detectEngine();
  if (command === 'docker') return { command: 'docker', args: ['compose', '-f', COMPOSE_FILE] };
  const probe = spawnSync('podman-compose', ['version'], { stdio: 'ignore', env: engineEnvironment() });
  if (probe.status !== 0)
    throw new Error(
      'podman works but podman-compose does not: apt-get install podman-compose (or pip install podman-compose)',
    );
  return { command: 'podman-compose', args: ['-f', COMPOSE_FILE] };
}

/** Runs a compose subcommand with its output on this terminal; resolves with its exit code. */
export async function runCompose(subcommand: string[]): Promise<number> {
  const { command, args } = await composeCommand();
  console.log(`$ ${command} ${[...args, ...subcommand].join(' ')}`);
  const result = spawnSync(command, [...args, ...subcommand], {
    cwd: REPOSITORY_ROOT,
    stdio: 'inherit',
    env: engineEnvironment(),
  });
  return result.status ?? 1;
}
