import { execFileSync } from 'node:child_process';
import { ETCD_BINARY } from './etcd-member.js';

/** `3.4.23` from `etcd --version`. */
export function etcdVersion(): string {
  const out = execFileSync(ETCD_BINARY, ['--version'], { encoding: 'utf8' });
  return /etcd Version: (\S+)/.exec(out)?.[1] ?? 'unknown';
}
