/**
 * The design's central claim, on real etcd: with 2 members, losing one stops every write; with 3,
 * writes carry on after a new election; and a snapshot restores every acknowledged write.
 */
import { describeWithTool, toolAvailable } from '@slipway/testing';
import { beforeAll, expect, it } from 'vitest';
import { formatDemo } from '../src/demo-report.js';
import { type DemoFigures, runEtcdQuorumDemo } from '../src/etcd-quorum-demo.js';
import { etcdVersion } from '../src/etcd-version.js';
import { DEFAULT_QUORUM_LOSS_OPTIONS } from '../src/quorum-loss.js';

const tools = {
  available: toolAvailable('etcd', ['--version']) && toolAvailable('etcdctl', ['version']),
  reason: 'etcd or etcdctl is not installed (apt-get install etcd-server etcd-client)',
};

describeWithTool('etcd clusters losing their leader (real etcd on loopback)', tools, () => {
  let figures: DemoFigures;
  beforeAll(async () => {
    figures = await runEtcdQuorumDemo();
    console.log(formatDemo(figures, etcdVersion()));
  }, 90_000);

  it('2 members: after one is lost, the survivor has no leader and refuses every write', () => {
    const f = figures.twoMembers;
    expect(f.before).toEqual({ accepted: DEFAULT_QUORUM_LOSS_OPTIONS.writesBefore, refused: 0 });
    expect(f.noLeaderAfterMs).not.toBeNull();
    expect(f.newLeaderAfterMs).toBeNull();
    expect(f.after.accepted).toBe(0);
    expect(f.writesAfter.every((w) => !w.accepted)).toBe(true);
    expect(f.after.refused).toBeGreaterThan(0);
  });

  it('3 members: after one is lost, the survivors elect a leader and accept every write from then on', () => {
    const f = figures.threeMembers;
    expect(f.before).toEqual({ accepted: DEFAULT_QUORUM_LOSS_OPTIONS.writesBefore, refused: 0 });
    expect(f.newLeaderAfterMs).not.toBeNull();
    expect(f.firstAcceptedAfterMs).not.toBeNull();
    expect(f.after.accepted).toBeGreaterThan(0);
    // Once writes are accepted again, none is refused: the cluster carries on.
    const firstAccepted = f.writesAfter.findIndex((w) => w.accepted);
    expect(f.writesAfter.slice(firstAccepted).every((w) => w.accepted)).toBe(true);
  });

  it('a snapshot of a survivor, restored into a new member, holds every acknowledged write', () => {
    const { snapshot, threeMembers } = figures;
    expect(snapshot.expectedKeys).toBe(threeMembers.before.accepted + threeMembers.after.accepted);
    expect(snapshot.lost).toEqual([]);
    expect(snapshot.keysRead).toBeGreaterThanOrEqual(snapshot.expectedKeys);
    expect(snapshot.snapshotBytes).toBeGreaterThan(0);
  });
});
