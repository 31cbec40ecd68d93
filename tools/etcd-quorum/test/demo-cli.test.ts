import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { quorumOf } from '../src/quorum-loss.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '../src/cli/demo.ts');

it('computes the quorum a write needs: a majority of the members', () => {
  expect([1, 2, 3, 4, 5].map(quorumOf)).toEqual([1, 2, 2, 3, 3]);
});

it('without etcd, the demo says what to install and exits 1', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli], {
    env: { PATH: '/nonexistent' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('apt-get install etcd-server etcd-client');
});
