/** The catalogue of policy checks, and what a finding is. */
import type { RenderedObject } from '@slipway/deploy';

export const POLICY_CHECKS = {
  'run-as-non-root': 'containers run as a non-root UID ≥ 10000',
  'read-only-root-filesystem': 'containers have a read-only root filesystem',
  'no-privilege-escalation': 'no privileged containers, no privilege escalation',
  'drop-all-capabilities': 'containers drop ALL capabilities and add none',
  'seccomp-runtime-default': 'the RuntimeDefault seccomp profile applies',
  'no-host-namespaces': 'no host network, PID or IPC namespace',
  'no-host-ports': 'no host ports',
  'no-host-path': 'no hostPath volumes',
  'no-token-automount': 'no service account token is mounted',
  'dedicated-service-account': 'a ServiceAccount of its own, rendered alongside',
  'no-secret-literals-in-env': 'no secret value written into an env var',
  resources: 'CPU and memory requests and a memory limit',
  'image-tag': 'an explicit image tag or digest, never latest',
  'image-digest': 'the image is pinned by digest',
  probes: 'readiness and liveness probes that differ, on declared ports',
  replicas: 'at least 2 replicas (or an HPA minimum of at least 2)',
  'rolling-update': 'RollingUpdate with maxUnavailable 0',
  'topology-spread': 'topology spread or pod anti-affinity',
  'pod-disruption-budget': 'a PodDisruptionBudget that still allows an eviction at the HPA minimum',
  'hpa-min-replicas': 'HPA minReplicas ≥ 2',
  'network-policy': 'a default-deny NetworkPolicy and at least one policy selecting every pod',
  'network-policy-egress': 'egress is restricted in every namespace that has NetworkPolicies',
  'service-selector': 'every Service selects pods and targets declared ports',
  'ingress-backend': 'every Ingress backend is a rendered Service port',
  'ingress-tls': 'Ingresses terminate TLS for their hosts',
  'secret-in-git': 'no Secret values rendered into git',
} as const;
export type PolicyCheck = keyof typeof POLICY_CHECKS;

export interface Finding {
  check: PolicyCheck;
  object: RenderedObject;
  message: string;
  /** The waiver's reason when the object waives this check. */
  waived?: string;
}

/** Records a finding of `check` on the object being checked. */
export type AddFinding = (check: PolicyCheck, message: string) => void;

/** An object's `spec` as loose data (the checks read fields of many kinds). */
export const specOf = (o: RenderedObject['object']) => (o as { spec?: Record<string, unknown> }).spec ?? {};
