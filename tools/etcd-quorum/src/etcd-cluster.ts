/** A cluster of real etcd members on loopback, each with its own data directory under `workDir`. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { healthy, memberStatus } from './etcd-gateway.js';
import { allocateMembers, type EtcdMember, startMember } from './etcd-member.js';

export interface EtcdCluster {
  name: string;
  members: EtcdMember[];
  /** Members whose process still runs. */
  survivors(): EtcdMember[];
  /** The member every running member names as leader. */
  leader(): Promise<EtcdMember>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until every member reports itself healthy (a leader elected, reads served). */
export async function waitHealthy(members: EtcdMember[], timeoutMs: number): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const down = members.find((m) => !m.running());
    if (down) throw new Error(`etcd member ${down.name} exited:\n${down.output.join('\n')}`);
    const states = await Promise.all(members.map((m) => healthy(m.clientUrl, 500)));
    if (states.every(Boolean)) return;
    await sleep(50);
  }
  const detail = members.map((m) => `--- ${m.name}\n${m.output.slice(-20).join('\n')}`).join('\n');
  throw new Error(`etcd members were not healthy within ${timeoutMs} ms:\n${detail}`);
}

export async function startCluster(
  name: string,
  size: number,
  workDir: string,
  readyTimeoutMs = 20_000,
): Promise<EtcdCluster> {
  const addresses = await allocateMembers(name, size);
  const members = addresses.map((address) => {
    const dataDir = join(workDir, address.name);
    mkdirSync(dataDir, { recursive: true });
    return startMember(address, { dataDir, cluster: addresses, clusterToken: name });
  });
  const stop = async () => {
    await Promise.all(members.map((m) => m.stop()));
  };
  try {
    await waitHealthy(members, readyTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  const survivors = () => members.filter((m) => m.running());
  return {
    name,
    members,
    survivors,
    stop,
    async leader() {
      const statuses = await Promise.all(
        survivors().map(async (m) => ({ m, s: await memberStatus(m.clientUrl) })),
      );
      const leaderIds = new Set(statuses.map(({ s }) => s.leader));
      const leader = statuses.find(({ s }) => s.memberId === statuses[0]?.s.leader);
      if (leaderIds.size !== 1 || !leader) throw new Error(`${name}: the members do not agree on a leader`);
      return leader.m;
    },
  };
}
