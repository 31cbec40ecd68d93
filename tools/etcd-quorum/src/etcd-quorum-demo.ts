/**
 * The whole demonstration: a 2-member and a 3-member cluster each lose their leader; then the
 * 3-member cluster's survivors are backed up and the backup restored into a new member. Used by
 * `npm run demo:etcd-quorum` (which prints the figures) and by the test (which asserts them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from './etcd-cluster.js';
import { DEFAULT_QUORUM_LOSS_OPTIONS, type QuorumLossFigures, runQuorumLoss } from './quorum-loss.js';
import { type SnapshotFigures, snapshotRoundTrip } from './snapshot-round-trip.js';

export const KEY_PREFIX = '/slipway-demo/';

export interface DemoFigures {
  twoMembers: QuorumLossFigures;
  threeMembers: QuorumLossFigures;
  snapshot: SnapshotFigures;
}

export async function runEtcdQuorumDemo(): Promise<DemoFigures> {
  const workDir = mkdtempSync(join(tmpdir(), 'slipway-etcd-'));
  try {
    const lose = async (members: number) => {
      const cluster = await startCluster(`${members}-members`, members, join(workDir, `${members}-members`));
      try {
        const figures = await runQuorumLoss(cluster, {
          ...DEFAULT_QUORUM_LOSS_OPTIONS,
          prefix: `${KEY_PREFIX}${members}-members`,
        });
        return { cluster, figures };
      } catch (error) {
        await cluster.stop();
        throw error;
      }
    };
    const two = await lose(2);
    await two.cluster.stop();
    const three = await lose(3);
    try {
      const snapshot = await snapshotRoundTrip(
        three.cluster.survivors()[0]!,
        three.figures.acknowledged,
        KEY_PREFIX,
        join(workDir, 'restore'),
      );
      return { twoMembers: two.figures, threeMembers: three.figures, snapshot };
    } finally {
      await three.cluster.stop();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
