/**
 * Flags and host mounts that harden the control plane beyond kubeadm's defaults, each tied to the
 * CIS Kubernetes Benchmark recommendation it answers. Files the flags point at are placed on each
 * control-plane node before `kubeadm init`/`join` (docs/self-managed-cluster.md, "Node hardening").
 */
import type { Arg } from './v1beta4-schema.js';

/** TLS 1.2 suites with forward secrecy and AEAD (CIS 1.2.x, 4.2.x); TLS 1.3's are not configurable. */
export const TLS_CIPHER_SUITES = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
] as const;
export const TLS_MIN_VERSION = 'VersionTLS12';

/** Where the audit policy (rendered as audit-policy.yaml) is placed on every control-plane node. */
export const AUDIT_POLICY_FILE = '/etc/kubernetes/audit/policy.yaml';
export const AUDIT_LOG_DIR = '/var/log/kubernetes/audit';
/** EncryptionConfiguration with the key that encrypts Secrets in etcd; made on the node, never in git. */
export const ENCRYPTION_CONFIG_DIR = '/etc/kubernetes/encryption';
export const CLUSTER_CA_FILE = '/etc/kubernetes/pki/ca.crt';

const arg = (name: string, value: string): Arg => ({ name, value });

export const API_SERVER_ARGS: Arg[] = [
  arg('profiling', 'false'), // CIS 1.2.15
  arg('audit-policy-file', AUDIT_POLICY_FILE), // CIS 1.2.16–1.2.19, 3.2.1
  arg('audit-log-path', `${AUDIT_LOG_DIR}/audit.log`),
  arg('audit-log-maxage', '30'),
  arg('audit-log-maxbackup', '10'),
  arg('audit-log-maxsize', '100'),
  arg('encryption-provider-config', `${ENCRYPTION_CONFIG_DIR}/config.yaml`), // CIS 1.2.27–1.2.28
  arg('encryption-provider-config-automatic-reload', 'true'), // key rotation without a restart
  // Verify kubelets' serving certificates (CIS 1.2.5): they come from serverTLSBootstrap, signed
  // by the cluster CA once their CSRs are approved.
  arg('kubelet-certificate-authority', CLUSTER_CA_FILE),
  arg('tls-min-version', TLS_MIN_VERSION),
  arg('tls-cipher-suites', TLS_CIPHER_SUITES.join(',')), // CIS 1.2.29
];

export const API_SERVER_VOLUMES = [
  {
    name: 'audit-policy',
    hostPath: AUDIT_POLICY_FILE,
    mountPath: AUDIT_POLICY_FILE,
    readOnly: true,
    pathType: 'File',
  },
  {
    name: 'audit-log',
    hostPath: AUDIT_LOG_DIR,
    mountPath: AUDIT_LOG_DIR,
    readOnly: false,
    pathType: 'DirectoryOrCreate',
  },
  {
    name: 'encryption-config',
    hostPath: ENCRYPTION_CONFIG_DIR,
    mountPath: ENCRYPTION_CONFIG_DIR,
    readOnly: true,
    pathType: 'Directory',
  },
] as const;

export function controllerManagerArgs(nodeCidrMaskSize: number): Arg[] {
  return [
    arg('profiling', 'false'), // CIS 1.3.2
    arg('terminated-pod-gc-threshold', '10'), // CIS 1.3.1
    arg('node-cidr-mask-size', String(nodeCidrMaskSize)),
  ];
}

export const SCHEDULER_ARGS: Arg[] = [arg('profiling', 'false')]; // CIS 1.4.1

/** etcd's own limits; the API server compacts history every 5 minutes by default. */
export const ETCD_ARGS: Arg[] = [
  // 8 GiB, etcd's largest recommended backend; past the quota etcd turns read-only, and
  // etcd_mvcc_db_total_size_in_bytes is alerted on long before.
  arg('quota-backend-bytes', String(8 * 1024 ** 3)),
  // Metrics and /health only (no keys or values), for Prometheus on the node network; the host
  // firewall admits port 2381 from the monitoring nodes only.
  arg('listen-metrics-urls', 'http://0.0.0.0:2381'),
];
