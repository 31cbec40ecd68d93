import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { joinSecretsEnv, testJoinSecrets } from './support/join-secrets.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '../src/cli/render-kubeadm.ts');
const scratch = mkdtempSync(join(tmpdir(), 'slipway-kubeadm-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function render(dir: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', cli, dir], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('npm run kubeadm:config', () => {
  it('without join secrets writes the init files and says how to get the secrets', () => {
    const dir = join(scratch, 'init-only');
    const result = render(dir);
    expect(result.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['audit-policy.yaml', 'haproxy.cfg', 'init-cp-1.yaml']);
    expect(result.stdout).toMatch(
      /join files not written: set KUBEADM_TOKEN, KUBEADM_CA_CERT_HASH, KUBEADM_CERTIFICATE_KEY/,
    );
  });

  it('with the join secrets writes the join files readable by their owner only', () => {
    const dir = join(scratch, 'all');
    const secrets = testJoinSecrets();
    const result = render(dir, joinSecretsEnv(secrets));
    expect(result.status).toBe(0);
    for (const name of ['join-cp-2.yaml', 'join-cp-3.yaml', 'join-worker.yaml']) {
      expect(statSync(join(dir, name)).mode & 0o777, name).toBe(0o600);
      expect(readFileSync(join(dir, name), 'utf8')).toContain(secrets.bootstrapToken);
    }
    expect(statSync(join(dir, 'init-cp-1.yaml')).mode & 0o777).toBe(0o644);
  });

  it('refuses incomplete or malformed secrets with exit 2, naming each variable, never echoing a value', () => {
    const secrets = testJoinSecrets();
    const result = render(join(scratch, 'bad'), {
      KUBEADM_TOKEN: 'WRONG-TOKEN-value',
      KUBEADM_CA_CERT_HASH: secrets.caCertHash,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/KUBEADM_TOKEN is not in the expected form abcdef\.0123456789abcdef/);
    expect(result.stderr).toMatch(
      /KUBEADM_CERTIFICATE_KEY is not set: take it from `kubeadm init phase upload-certs/,
    );
    expect(result.stderr).not.toContain('WRONG-TOKEN-value');
    expect(() => readdirSync(join(scratch, 'bad'))).toThrow();
  });
});
