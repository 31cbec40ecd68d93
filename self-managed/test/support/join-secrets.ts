import { randomBytes } from 'node:crypto';
import type { JoinSecrets } from '../../src/kubeadm/join-secrets.js';

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
const token = (length: number) =>
  Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');

/** Well-formed, random join secrets: what `kubeadm init --upload-certs` would print. */
export function testJoinSecrets(): JoinSecrets {
  return {
    bootstrapToken: `${token(6)}.${token(16)}`,
    caCertHash: `sha256:${randomBytes(32).toString('hex')}`,
    certificateKey: randomBytes(32).toString('hex'),
  };
}

export function joinSecretsEnv(secrets: JoinSecrets): Record<string, string> {
  return {
    KUBEADM_TOKEN: secrets.bootstrapToken,
    KUBEADM_CA_CERT_HASH: secrets.caCertHash,
    KUBEADM_CERTIFICATE_KEY: secrets.certificateKey,
  };
}
