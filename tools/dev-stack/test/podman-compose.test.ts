/**
 * podman-compose (Debian's 1.0.3 here) reads compose.yaml and translates it into `podman run`
 * commands, printed by --dry-run without starting anything: the file parses for it, and the
 * service gets the hardening, secrets and loopback ports compose.yaml asks for. (Its dry run
 * still creates the project's network, which is removed after.)
 */
import { spawnSync } from 'node:child_process';
import { engineEnvironment } from '@slipway/container';
import { HTTP_PORT, METRICS_PORT } from '@slipway/contract';
import { describeWithTool, toolAvailable } from '@slipway/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMPOSE_FILE, REPOSITORY_ROOT } from '../src/paths.js';

const project = `slipway-compose-check-${process.pid}`;
/** `<project>_<service>_1` (podman-compose 1.0) or `<project>-<service>-1` (later releases). */
const containerName = new RegExp(`--name=${project}[_-]([a-z]+)[_-]1 `);
const tools = {
  available: toolAvailable('podman-compose', ['version']) && toolAvailable('podman', ['--version']),
  reason: 'podman-compose is not installed (apt-get install podman-compose)',
};

describeWithTool('compose.yaml under podman-compose (dry run)', tools, () => {
  let commands: string[];
  beforeAll(() => {
    const result = spawnSync('podman-compose', ['-p', project, '-f', COMPOSE_FILE, '--dry-run', 'up', '-d'], {
      cwd: REPOSITORY_ROOT,
      env: engineEnvironment(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(0);
    commands = result.stdout.split('\n').filter((line) => line.startsWith('podman run '));
  });
  afterAll(() => {
    spawnSync('podman', ['network', 'rm', '--force', `${project}_default`], {
      env: engineEnvironment(),
      stdio: 'ignore',
    });
  });

  it('starts one container per service', () => {
    const services = commands.map((c) => containerName.exec(c)?.[1]).sort();
    expect(services).toEqual(['grafana', 'postgres', 'prometheus', 'slipway', 'tempo']);
  });

  it('runs the service non-root, read-only, without capabilities, with its secrets as files, on loopback', () => {
    const run = commands.find((c) => containerName.exec(c)?.[1] === 'slipway')!;
    for (const flag of [
      '--read-only',
      '--cap-drop ALL',
      '-u 10001:10001',
      '--security-opt no-new-privileges:true',
      `-p 127.0.0.1:${HTTP_PORT}:${HTTP_PORT}`,
      `-p 127.0.0.1:${METRICS_PORT}:${METRICS_PORT}`,
      '--tmpfs /tmp:size=16m,mode=1777',
    ])
      expect(run, flag).toContain(flag);
    for (const secret of ['db_password', 'api_tokens', 'secret_key'])
      expect(run).toMatch(new RegExp(`--volume \\S+/secrets/${secret}:/run/secrets/${secret}:ro`));
    expect(run).toMatch(/ localhost\/slipway:local$/);
  });
});
