/**
 * The three values a joining node needs, which exist only once the first control plane runs:
 * `kubeadm init --upload-certs` prints them, and later `kubeadm token create --print-join-command`
 * and `kubeadm init phase upload-certs --upload-certs` make new ones. They are read from the
 * environment when the join files are rendered and never written anywhere but those files.
 */
import { BOOTSTRAP_TOKEN_PATTERN, CA_CERT_HASH_PATTERN, CERTIFICATE_KEY_PATTERN } from './v1beta4-schema.js';

export interface JoinSecrets {
  bootstrapToken: string;
  caCertHash: string;
  certificateKey: string;
}

export const JOIN_SECRET_VARIABLES = {
  bootstrapToken: {
    name: 'KUBEADM_TOKEN',
    pattern: BOOTSTRAP_TOKEN_PATTERN,
    example: 'abcdef.0123456789abcdef',
    from: '`kubeadm token create` on a control-plane node (valid 24 h)',
  },
  caCertHash: {
    name: 'KUBEADM_CA_CERT_HASH',
    pattern: CA_CERT_HASH_PATTERN,
    example: 'sha256:<64 hex>',
    from: 'the `--discovery-token-ca-cert-hash` that `kubeadm init` or `kubeadm token create --print-join-command` prints',
  },
  certificateKey: {
    name: 'KUBEADM_CERTIFICATE_KEY',
    pattern: CERTIFICATE_KEY_PATTERN,
    example: '<64 hex>',
    from: '`kubeadm init phase upload-certs --upload-certs` on a control-plane node (valid 2 h)',
  },
} as const;

export class JoinSecretsError extends Error {}

/** undefined when none is set; the secrets when all are set and well-formed; throws otherwise. */
export function joinSecretsFromEnv(env: Record<string, string | undefined>): JoinSecrets | undefined {
  const entries = Object.entries(JOIN_SECRET_VARIABLES) as [
    keyof JoinSecrets,
    (typeof JOIN_SECRET_VARIABLES)[keyof JoinSecrets],
  ][];
  const values = entries.map(([key, spec]) => ({ key, spec, value: env[spec.name]?.trim() ?? '' }));
  if (values.every((v) => v.value === '')) return undefined;
  const problems = values.flatMap(({ spec, value }) => {
    if (value === '') return [`${spec.name} is not set: take it from ${spec.from}.`];
    if (!new RegExp(spec.pattern).test(value))
      return [
        `${spec.name} is not in the expected form ${spec.example} (value not shown): take it from ${spec.from}.`,
      ];
    return [];
  });
  if (problems.length > 0) throw new JoinSecretsError(problems.join('\n'));
  return Object.fromEntries(values.map(({ key, value }) => [key, value])) as unknown as JoinSecrets;
}
