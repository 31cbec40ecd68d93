/**
 * One real etcd member (Debian's `etcd-server`, 3.4) as a child process on loopback ports, with its
 * own data directory. Heartbeat and election timeout stay at etcd's defaults (100 ms / 1000 ms),
 * the values a kubeadm control plane runs with, so the figures say what a cluster would see.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '@slipway/testing';

export const ETCD_BINARY = 'etcd';

export interface MemberAddress {
  name: string;
  /** Where clients (the API server, etcdctl) connect, e.g. http://127.0.0.1:41234. */
  clientUrl: string;
  /** Where the other members replicate to, e.g. http://127.0.0.1:41235. */
  peerUrl: string;
}

export interface EtcdMember extends MemberAddress {
  dataDir: string;
  /** The last lines etcd wrote, for error messages. */
  output: string[];
  /** True until the process has exited. */
  running(): boolean;
  /** SIGKILL: a crashed machine, not a clean shutdown (no leadership hand-over). */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const OUTPUT_LINES_KEPT = 200;

/** Names and free loopback ports for `count` members called `<prefix>-1`, `<prefix>-2`, … */
export async function allocateMembers(prefix: string, count: number): Promise<MemberAddress[]> {
  const members: MemberAddress[] = [];
  for (let index = 1; index <= count; index++) {
    const [client, peer] = [await freePort(), await freePort()];
    members.push({
      name: `${prefix}-${index}`,
      clientUrl: `http://127.0.0.1:${client}`,
      peerUrl: `http://127.0.0.1:${peer}`,
    });
  }
  return members;
}

/** The `--initial-cluster` value: every member's name and peer URL. */
export function initialCluster(members: readonly MemberAddress[]): string {
  return members.map((m) => `${m.name}=${m.peerUrl}`).join(',');
}

export function startMember(
  address: MemberAddress,
  options: { dataDir: string; cluster: readonly MemberAddress[]; clusterToken: string },
): EtcdMember {
  const child: ChildProcess = spawn(
    ETCD_BINARY,
    [
      `--name=${address.name}`,
      `--data-dir=${options.dataDir}`,
      `--listen-client-urls=${address.clientUrl}`,
      `--advertise-client-urls=${address.clientUrl}`,
      `--listen-peer-urls=${address.peerUrl}`,
      `--initial-advertise-peer-urls=${address.peerUrl}`,
      `--initial-cluster=${initialCluster(options.cluster)}`,
      `--initial-cluster-token=${options.clusterToken}`,
      '--initial-cluster-state=new',
      '--logger=zap',
      '--log-level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output.push(...chunk.split('\n').filter(Boolean));
      output.splice(0, Math.max(0, output.length - OUTPUT_LINES_KEPT));
    });
  }
  let ended = false;
  const exited = new Promise<void>((resolve) => {
    const done = () => {
      ended = true;
      resolve();
    };
    child.once('exit', done);
    // A missing binary emits 'error' and never 'exit'.
    child.once('error', (error) => {
      output.push(`could not start ${ETCD_BINARY}: ${error.message}`);
      done();
    });
  });
  const running = () => !ended;
  const end = async (signal: NodeJS.Signals) => {
    if (running()) child.kill(signal);
    if (signal === 'SIGKILL') return exited;
    const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  };
  return {
    ...address,
    dataDir: options.dataDir,
    output,
    running,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
