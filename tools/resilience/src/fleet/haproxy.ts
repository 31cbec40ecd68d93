import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PATHS } from '@slipway/contract';
import { freePort, waitForHttp } from '@slipway/testing';
import { onCpus } from '../host/cpu-pinning.js';
import { startWatched, stopWatched, type WatchedProcess } from './child-process.js';

/**
 * Active health checks like an ALB target group, only faster so a campaign takes minutes: every
 * `inter` a GET of the readiness path; `fall` failures take a server out, `rise` successes put it
 * back. The check timeout matches the Kubernetes readiness probe's (2 s): /readyz may spend up to
 * 1 s pinging a slow database, and that must not pull a healthy server.
 */
export const HEALTH_CHECK = { interMs: 500, rise: 2, fall: 2, timeoutMs: 2_000 } as const;

const BACKEND = 'slipway';

export interface Backend {
  name: string;
  port: number;
}

export interface LoadBalancer {
  url: string;
  process: WatchedProcess;
  /** Registers a server that already answers ready (as a target group registers a healthy target). */
  addServer(backend: Backend): Promise<void>;
  /** Deregisters a server: no new requests; requests in flight finish. */
  removeServer(name: string): Promise<void>;
  /** HAProxy's view: server name → UP, DOWN, MAINT... */
  serverStates(): Promise<Map<string, string>>;
  /** Waits until HAProxy reports `name` in `state` (e.g. DOWN after its readiness turned 503). */
  waitForState(name: string, state: string, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Besides the active checks, a refused or reset connection takes a server out at once (`observe
 * layer4`): a killed instance stops getting requests before its next health check is due.
 */
function serverLine({ name, port }: Backend): string {
  const { interMs, rise, fall } = HEALTH_CHECK;
  return `server ${name} 127.0.0.1:${port} check inter ${interMs}ms rise ${rise} fall ${fall} observe layer4 error-limit 1 on-error mark-down`;
}

/**
 * The HAProxy configuration: loopback only, HTTP mode, readiness checks, and `retries 0` with no
 * redispatch, so a request that fails on a server fails for the client: the campaign sees every
 * failure a user would.
 */
export function haproxyConfig(port: number, socketPath: string, backends: Backend[]): string {
  return [
    'global',
    `  stats socket ${socketPath} mode 600 level admin`,
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    `  timeout check ${HEALTH_CHECK.timeoutMs}ms`,
    '  timeout http-keep-alive 10s',
    '  retries 0',
    '  no option redispatch',
    'frontend api',
    `  bind 127.0.0.1:${port}`,
    `  default_backend ${BACKEND}`,
    `backend ${BACKEND}`,
    '  balance roundrobin',
    `  option httpchk GET ${PATHS.readiness}`,
    '  http-check expect status 200',
    ...backends.map((backend) => `  ${serverLine(backend)}`),
    '',
  ].join('\n');
}

/** One command on HAProxy's runtime API (the admin socket); returns its answer. */
function runtimeCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let answer = '';
    socket.setEncoding('utf8');
    socket.setTimeout(5_000, () => socket.destroy(new Error(`HAProxy did not answer "${command}"`)));
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer.trim()));
    socket.on('error', reject);
    socket.end(`${command}\n`);
  });
}

export async function startHaproxy(backends: Backend[], cpus: string): Promise<LoadBalancer> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-haproxy-'));
  const socketPath = join(dir, 'admin.sock');
  const configPath = join(dir, 'haproxy.cfg');
  const port = await freePort();
  writeFileSync(configPath, haproxyConfig(port, socketPath, backends));
  const [command, args] = onCpus(cpus, 'haproxy', ['-db', '-f', configPath]);
  const process = startWatched('haproxy', command, args);
  const url = `http://127.0.0.1:${port}`;
  const run = (command: string) => runtimeCommand(socketPath, command);
  const expectAnswer = async (command: string, expected: RegExp) => {
    const answer = await run(command);
    if (!expected.test(answer)) throw new Error(`HAProxy "${command}": ${answer}`);
  };

  const serverStates = async () => {
    // CSV of `show stat`: pxname, svname, ... status is column 18.
    const rows = (await run('show stat')).split('\n').map((line) => line.split(','));
    return new Map(
      rows.filter((row) => row[0] === BACKEND && row[1] !== 'BACKEND').map((row) => [row[1]!, row[17]!]),
    );
  };

  try {
    await Promise.race([
      waitForHttp(`${url}${PATHS.liveness}`, { timeoutMs: 15_000 }),
      process.exited.then(() => {
        throw new Error(`haproxy exited:\n${process.output.join('\n')}`);
      }),
    ]);
  } catch (error) {
    await stopWatched(process);
    throw error;
  }

  return {
    url,
    process,
    serverStates,
    async addServer(backend) {
      await expectAnswer(
        `add server ${BACKEND}/${serverLine(backend).slice('server '.length)}`,
        /registered/,
      );
      await expectAnswer(`enable health ${BACKEND}/${backend.name}`, /^$/);
      await expectAnswer(`enable server ${BACKEND}/${backend.name}`, /^$/);
    },
    async removeServer(name) {
      await expectAnswer(`disable server ${BACKEND}/${name}`, /^$/);
      // A server can be deleted once no connection uses it; the answer says so otherwise.
      for (let attempt = 0; attempt < 50; attempt++) {
        const answer = await run(`del server ${BACKEND}/${name}`);
        if (/deleted/i.test(answer)) return;
        await sleep(100);
      }
      throw new Error(`HAProxy kept server ${name}`);
    },
    async waitForState(name, state, timeoutMs = 10_000) {
      const started = performance.now();
      while (performance.now() - started < timeoutMs) {
        if ((await serverStates()).get(name)?.startsWith(state)) return performance.now() - started;
        await sleep(50);
      }
      throw new Error(`HAProxy did not report ${name} ${state} within ${timeoutMs} ms`);
    },
    async stop() {
      await stopWatched(process);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
