import { randomBytes } from 'node:crypto';
import { CONTAINER } from '@slipway/contract';
import { detectEngine, engine } from './engine.js';

export interface RunContainerOptions {
  image: string;
  /** Container name; a unique `slipway-test-…` one by default. */
  name?: string;
  /** Arguments after the image (replace CMD), e.g. ['dist/migrate.js']. */
  args?: string[];
  env?: Record<string, string>;
  /** `uid:gid` or a name. */
  user?: string;
  readOnly?: boolean;
  /** Paths mounted as tmpfs, e.g. ['/tmp']. */
  tmpfs?: string[];
  /** `volume-or-host-path:container-path[:options]`. */
  volumes?: string[];
  /** Container ports to publish on 127.0.0.1 only; each gets a free host port unless given. */
  ports?: Array<number | { container: number; host: number }>;
  capDrop?: string[];
  securityOpts?: string[];
  /** e.g. '256m'. */
  memory?: string;
  /** Largest number of processes/threads. */
  pids?: number;
  /** Extra engine flags, placed before the image. */
  extraFlags?: string[];
}

export interface RunningContainer {
  id: string;
  name: string;
  /** Container port → host port on 127.0.0.1. */
  ports: Record<number, number>;
}

/**
 * The flags Kubernetes applies through the Deployment's securityContext, for a local run:
 * read-only root filesystem, every capability dropped, no privilege escalation, the image's
 * non-root user, a tmpfs /tmp, memory and pid limits.
 */
export function hardenedRunOptions(): Required<
  Pick<RunContainerOptions, 'user' | 'readOnly' | 'tmpfs' | 'capDrop' | 'securityOpts' | 'memory' | 'pids'>
> {
  return {
    user: `${CONTAINER.uid}:${CONTAINER.gid}`,
    readOnly: true,
    tmpfs: ['/tmp:rw,size=16m,mode=1777'],
    capDrop: ['ALL'],
    securityOpts: ['no-new-privileges'],
    memory: '256m',
    pids: 128,
  };
}

/** The engine's `run -d …` arguments for these options. */
export function runArguments(options: RunContainerOptions, name: string): string[] {
  const args = ['run', '-d', '--name', name];
  if (options.user) args.push('--user', options.user);
  if (options.readOnly) args.push('--read-only');
  for (const path of options.tmpfs ?? []) args.push('--tmpfs', path);
  for (const volume of options.volumes ?? []) args.push('--volume', volume);
  for (const cap of options.capDrop ?? []) args.push('--cap-drop', cap);
  for (const opt of options.securityOpts ?? []) args.push('--security-opt', opt);
  if (options.memory) args.push('--memory', options.memory);
  if (options.pids !== undefined) args.push('--pids-limit', String(options.pids));
  for (const port of options.ports ?? []) {
    const [container, host] = typeof port === 'number' ? [port, ''] : [port.container, String(port.host)];
    args.push('--publish', `127.0.0.1:${host}:${container}`);
  }
  for (const [key, value] of Object.entries(options.env ?? {})) args.push('--env', `${key}=${value}`);
  args.push(...(options.extraFlags ?? []), options.image, ...(options.args ?? []));
  return args;
}

/** Starts a detached container and returns its id and the host ports it was published on. */
export async function runContainer(options: RunContainerOptions): Promise<RunningContainer> {
  const name = options.name ?? `slipway-test-${randomBytes(4).toString('hex')}`;
  const { stdout } = await engine(runArguments(options, name));
  const id = stdout.trim().split('\n').pop() ?? name;
  const ports: Record<number, number> = {};
  for (const port of options.ports ?? []) {
    if (typeof port !== 'number') {
      ports[port.container] = port.host;
      continue;
    }
    const container = port;
    const mapping = await engine(['port', id, `${container}/tcp`]);
    const hostPort = Number(mapping.stdout.trim().split('\n')[0]?.split(':').pop());
    if (!Number.isInteger(hostPort)) throw new Error(`no host port for ${container}: ${mapping.stdout}`);
    ports[container] = hostPort;
  }
  return { id, name, ports };
}

/** Sends `signal` to the container's PID 1 (the service). */
export async function killContainer(id: string, signal = 'SIGTERM'): Promise<void> {
  await engine(['kill', '--signal', signal, id]);
}

/** Waits until the container has exited and returns its exit code. */
export async function waitForContainerExit(id: string, timeoutMs = 60_000): Promise<number> {
  const { stdout } = await engine(['wait', id], { timeoutMs });
  return Number(stdout.trim().split('\n').pop());
}

/** `stop`: SIGTERM, then SIGKILL after `timeoutSeconds`. Returns the exit code. */
export async function stopContainer(id: string, timeoutSeconds = 30): Promise<number> {
  await engine(['stop', '--time', String(timeoutSeconds), id], { timeoutMs: (timeoutSeconds + 30) * 1000 });
  return containerExitCode(id);
}

export async function containerExitCode(id: string): Promise<number> {
  const { stdout } = await engine(['inspect', '--format', '{{.State.ExitCode}}', id]);
  return Number(stdout.trim());
}

/** Removes the container (forcibly, if it still runs); a missing container is not an error. */
export async function removeContainer(id: string): Promise<void> {
  await engine(['rm', '--force', id], { allowFailure: true });
}

/** Everything the container wrote to stdout and stderr. */
export async function containerLogs(id: string): Promise<string> {
  const { stdout, stderr } = await engine(['logs', id], { allowFailure: true });
  return stdout + stderr;
}

export async function createVolume(name = `slipway-test-${randomBytes(4).toString('hex')}`): Promise<string> {
  await engine(['volume', 'create', name]);
  return name;
}

export async function removeVolume(name: string): Promise<void> {
  await engine(['volume', 'rm', '--force', name], { allowFailure: true });
}

/** The user id PID 1 of the running container has, as the engine's `top` reports it. */
export async function containerProcessUser(id: string): Promise<string> {
  const { command } = await detectEngine();
  const args = command === 'podman' ? ['top', id, 'user'] : ['top', id, '-o', 'uid'];
  const { stdout } = await engine(args);
  return stdout.trim().split('\n').slice(1).join('\n').trim();
}

/** Where a named volume's files are on this machine (podman and Linux Docker). */
export async function volumeMountpoint(name: string): Promise<string> {
  const { stdout } = await engine(['volume', 'inspect', '--format', '{{.Mountpoint}}', name]);
  return stdout.trim();
}
