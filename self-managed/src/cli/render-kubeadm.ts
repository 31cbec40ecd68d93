/**
 * `npm run kubeadm:config [-- <dir>]`: writes the cluster's kubeadm configuration, audit policy and
 * HAProxy configuration to <dir> (default self-managed/dist/kubeadm, not committed). The join files
 * need KUBEADM_TOKEN, KUBEADM_CA_CERT_HASH and KUBEADM_CERTIFICATE_KEY, which exist only after
 * `kubeadm init`; without them only the init files are written. Exit 2 on bad input.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JOIN_SECRET_VARIABLES, JoinSecretsError, joinSecretsFromEnv } from '../kubeadm/join-secrets.js';
import { InvalidClusterError, kubeadmFiles } from '../render/kubeadm-files.js';

const DEFAULT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/kubeadm');

function main(): number {
  const dir = resolve(process.argv[2] ?? DEFAULT_DIR);
  let files: ReturnType<typeof kubeadmFiles>;
  try {
    files = kubeadmFiles(undefined, joinSecretsFromEnv(process.env));
  } catch (error) {
    if (!(error instanceof JoinSecretsError || error instanceof InvalidClusterError)) throw error;
    console.error(`kubeadm:config: ${error.message}`);
    return 2;
  }
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const path = join(dir, file.name);
    writeFileSync(path, file.content, { mode: file.secret ? 0o600 : 0o644 });
    chmodSync(path, file.secret ? 0o600 : 0o644);
    console.log(
      `wrote ${path}${file.secret ? ' (holds join secrets: owner-readable only, never commit it)' : ''}`,
    );
  }
  if (!files.some((f) => f.secret)) {
    const names = Object.values(JOIN_SECRET_VARIABLES)
      .map((v) => v.name)
      .join(', ');
    console.log(
      `join files not written: set ${names} (printed by \`kubeadm init --config <init file> --upload-certs\`) and run again.`,
    );
  }
  return 0;
}

process.exitCode = main();
