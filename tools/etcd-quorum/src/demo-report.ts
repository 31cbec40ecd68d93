/** The demo's figures as the lines `npm run demo:etcd-quorum` prints. */
import type { DemoFigures } from './etcd-quorum-demo.js';
import { DEFAULT_QUORUM_LOSS_OPTIONS, type QuorumLossFigures } from './quorum-loss.js';

const seconds = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(2)} s`);

function lossLines(f: QuorumLossFigures): string[] {
  const o = DEFAULT_QUORUM_LOSS_OPTIONS;
  const survivors = f.members - 1;
  const verdict =
    f.after.accepted === 0
      ? `writes STOPPED: ${survivors} of ${f.members} members left, quorum needs ${f.quorum}`
      : `writes CONTINUED: ${survivors} of ${f.members} members left, quorum needs ${f.quorum}`;
  return [
    `${f.members} members (quorum ${f.quorum}): killed the leader ${f.killed} with SIGKILL`,
    `  before the loss: ${f.before.accepted} writes accepted, ${f.before.refused} refused`,
    `  survivor reported no leader after: ${seconds(f.noLeaderAfterMs)}`,
    `  new leader elected after:          ${seconds(f.newLeaderAfterMs)}`,
    `  first write accepted after:        ${seconds(f.firstAcceptedAfterMs)}`,
    `  writes in the ${seconds(o.windowMs)} after the loss (one per ${o.writeIntervalMs} ms, ${o.writeTimeoutMs} ms deadline): ${f.after.accepted} accepted, ${f.after.refused} refused`,
    `  → ${verdict}`,
  ];
}

export function formatDemo(figures: DemoFigures, etcdVersion: string): string {
  const s = figures.snapshot;
  return [
    `etcd quorum demo — etcd ${etcdVersion}, members on 127.0.0.1, default heartbeat 100 ms and election timeout 1000 ms`,
    '',
    ...lossLines(figures.twoMembers),
    '',
    ...lossLines(figures.threeMembers),
    '',
    `snapshot round trip (from ${s.source}, a survivor of the 3-member cluster):`,
    `  etcdctl snapshot save:    ${(s.snapshotBytes / 1024).toFixed(0)} KiB in ${seconds(s.saveMs)}`,
    `  etcdctl snapshot restore: new data dir in ${seconds(s.restoreMs)}; restored member serving after ${seconds(s.startMs)}`,
    `  read back: ${s.keysRead} keys; ${s.expectedKeys - s.lost.length} of ${s.expectedKeys} acknowledged writes present with their values`,
    `  → ${s.lost.length === 0 ? 'every acknowledged write survived the backup and restore' : `LOST: ${s.lost.join(', ')}`}`,
  ].join('\n');
}
