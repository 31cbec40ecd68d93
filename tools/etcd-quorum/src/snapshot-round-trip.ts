/**
 * The etcd backup a kubeadm cluster relies on, done for real: `etcdctl snapshot save` from a
 * running member, `etcdctl snapshot restore` into a new data directory as a new one-member
 * cluster (how a control plane is rebuilt after losing quorum for good), start it, read back.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { waitHealthy } from './etcd-cluster.js';
import { allocateMembers, type EtcdMember, initialCluster, startMember } from './etcd-member.js';
import { etcdctl, readPrefix } from './etcdctl.js';

export interface SnapshotFigures {
  source: string;
  snapshotBytes: number;
  saveMs: number;
  restoreMs: number;
  /** From starting the restored member until it served reads. */
  startMs: number;
  expectedKeys: number;
  keysRead: number;
  /** Acknowledged keys absent from the restored member, or holding another value. */
  lost: string[];
}

export async function snapshotRoundTrip(
  source: EtcdMember,
  expected: ReadonlyMap<string, string>,
  prefix: string,
  workDir: string,
): Promise<SnapshotFigures> {
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, 'backup.db');
  let started = performance.now();
  await etcdctl([`--endpoints=${source.clientUrl}`, 'snapshot', 'save', file]);
  const saveMs = performance.now() - started;

  const [address] = await allocateMembers('restored', 1);
  const cluster = [address!];
  const dataDir = join(workDir, address!.name);
  started = performance.now();
  await etcdctl([
    'snapshot',
    'restore',
    file,
    `--name=${address!.name}`,
    `--data-dir=${dataDir}`,
    `--initial-cluster=${initialCluster(cluster)}`,
    `--initial-advertise-peer-urls=${address!.peerUrl}`,
    '--initial-cluster-token=restored',
  ]);
  const restoreMs = performance.now() - started;

  started = performance.now();
  const restored = startMember(address!, { dataDir, cluster, clusterToken: 'restored' });
  try {
    await waitHealthy([restored], 20_000);
    const startMs = performance.now() - started;
    const read = await readPrefix(restored.clientUrl, prefix);
    const lost = [...expected].filter(([key, value]) => read.get(key) !== value).map(([key]) => key);
    return {
      source: source.name,
      snapshotBytes: statSync(file).size,
      saveMs,
      restoreMs,
      startMs,
      expectedKeys: expected.size,
      keysRead: read.size,
      lost,
    };
  } finally {
    await restored.stop();
  }
}
