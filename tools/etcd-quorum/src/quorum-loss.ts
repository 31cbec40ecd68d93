/**
 * What losing one member does to a cluster: write a few keys, SIGKILL the leader (a crashed
 * control-plane machine), then for a fixed window keep writing to the survivors at a steady pace
 * while watching them notice the loss. Bounded in time and in the number of writes.
 */
import type { EtcdCluster } from './etcd-cluster.js';
import { hasLeader, memberStatus, put } from './etcd-gateway.js';

export interface WriteCount {
  accepted: number;
  refused: number;
}

export interface QuorumLossFigures {
  members: number;
  /** Members that must agree to commit a write: floor(n / 2) + 1. */
  quorum: number;
  killed: string;
  before: WriteCount;
  after: WriteCount;
  /** Milliseconds from the kill until a survivor's `etcd_server_has_leader` read 0; null if never seen. */
  noLeaderAfterMs: number | null;
  /** Milliseconds from the kill until a survivor named a new leader; null if none within the window. */
  newLeaderAfterMs: number | null;
  /** Milliseconds from the kill until the first write was committed again; null if none. */
  firstAcceptedAfterMs: number | null;
  /** Each write after the loss: when it started (ms after the kill) and whether it was accepted. */
  writesAfter: { startedAfterMs: number; accepted: boolean }[];
  /** Every key the cluster acknowledged, with its value (what a backup must hold). */
  acknowledged: Map<string, string>;
}

export interface QuorumLossOptions {
  /** Key prefix of this run's writes. */
  prefix: string;
  writesBefore: number;
  /** How long to keep writing after the kill. */
  windowMs: number;
  /** One write every `writeIntervalMs` (or right after the previous one, if it took longer). */
  writeIntervalMs: number;
  /** A write not committed within this is counted refused: what a client with a deadline sees. */
  writeTimeoutMs: number;
  /** How often the survivors are asked whether they have a leader. */
  pollIntervalMs: number;
}

export const DEFAULT_QUORUM_LOSS_OPTIONS: Omit<QuorumLossOptions, 'prefix'> = {
  writesBefore: 10,
  windowMs: 4_000,
  writeIntervalMs: 50,
  writeTimeoutMs: 500,
  pollIntervalMs: 25,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function quorumOf(members: number): number {
  return Math.floor(members / 2) + 1;
}

export async function runQuorumLoss(
  cluster: EtcdCluster,
  options: QuorumLossOptions,
): Promise<QuorumLossFigures> {
  const acknowledged = new Map<string, string>();
  const before: WriteCount = { accepted: 0, refused: 0 };
  const after: WriteCount = { accepted: 0, refused: 0 };
  const writesAfter: QuorumLossFigures['writesAfter'] = [];
  const write = async (clientUrl: string, key: string, count: WriteCount) => {
    const value = `written at ${new Date().toISOString()}`;
    const ok = await put(clientUrl, key, value, options.writeTimeoutMs);
    if (ok) acknowledged.set(key, value);
    count[ok ? 'accepted' : 'refused']++;
    return ok;
  };

  for (let n = 0; n < options.writesBefore; n++) {
    const member = cluster.members[n % cluster.members.length]!;
    await write(member.clientUrl, `${options.prefix}/before-${n}`, before);
  }

  const leader = await cluster.leader();
  const oldLeaderId = (await memberStatus(leader.clientUrl)).memberId;
  await leader.kill();
  const killedAt = performance.now();
  const since = () => Math.round(performance.now() - killedAt);
  const survivors = cluster.survivors();

  let noLeaderAfterMs: number | null = null;
  let newLeaderAfterMs: number | null = null;
  let firstAcceptedAfterMs: number | null = null;
  const watch = async () => {
    while (since() < options.windowMs && newLeaderAfterMs === null) {
      await Promise.all(
        survivors.map(async (member) => {
          try {
            if (noLeaderAfterMs === null && !(await hasLeader(member.clientUrl, 500)))
              noLeaderAfterMs = since();
            const { leader: current } = await memberStatus(member.clientUrl, 500);
            if (newLeaderAfterMs === null && current !== '0' && current !== oldLeaderId)
              newLeaderAfterMs = since();
          } catch {
            // A survivor too busy to answer within 500 ms says nothing either way.
          }
        }),
      );
      await sleep(options.pollIntervalMs);
    }
  };
  const writeLoop = async () => {
    const maxWrites = Math.ceil(options.windowMs / options.writeIntervalMs);
    for (let n = 0; n < maxWrites && since() < options.windowMs; n++) {
      const started = performance.now();
      const member = survivors[n % survivors.length]!;
      const startedAfterMs = since();
      const accepted = await write(member.clientUrl, `${options.prefix}/after-${n}`, after);
      writesAfter.push({ startedAfterMs, accepted });
      if (accepted && firstAcceptedAfterMs === null) firstAcceptedAfterMs = since();
      await sleep(Math.max(0, options.writeIntervalMs - (performance.now() - started)));
    }
  };
  await Promise.all([watch(), writeLoop()]);

  return {
    members: cluster.members.length,
    quorum: quorumOf(cluster.members.length),
    killed: leader.name,
    before,
    after,
    noLeaderAfterMs,
    newLeaderAfterMs,
    firstAcceptedAfterMs,
    writesAfter,
    acknowledged,
  };
}
