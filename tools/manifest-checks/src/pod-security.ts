/**
 * Pod Security Standards, `restricted` profile (kubernetes.io/docs/concepts/security/pod-security-standards),
 * written as code because no admission controller runs here: the baseline controls plus the
 * restricted ones, for every pod template and for the security contexts set in add-on values.
 */
import type { PodSpec, SecurityContext } from './workloads.js';
import { allContainers } from './workloads.js';

const ALLOWED_VOLUME_TYPES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

const seccompAllowed = (s?: SecurityContext) =>
  s?.seccompProfile?.type === 'RuntimeDefault' || s?.seccompProfile?.type === 'Localhost';

/** Violations of the restricted profile in one pod spec (empty when it would be admitted). */
export function restrictedViolations(pod: PodSpec): string[] {
  const v: string[] = [];
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC)
    v.push('host namespaces: hostNetwork, hostPID and hostIPC must be unset or false');
  for (const volume of pod.volumes ?? []) {
    const types = Object.keys(volume).filter((k) => k !== 'name');
    for (const type of types) {
      if (!ALLOWED_VOLUME_TYPES.has(type)) v.push(`volume ${volume.name}: type ${type} is not allowed`);
    }
  }
  if (pod.securityContext?.runAsUser === 0) v.push('pod runs as UID 0');
  for (const c of allContainers(pod)) {
    const s = c.securityContext ?? {};
    const where = `container ${c.name}`;
    if (s.privileged) v.push(`${where}: privileged`);
    if (s.allowPrivilegeEscalation !== false) v.push(`${where}: allowPrivilegeEscalation must be false`);
    if (!(s.runAsNonRoot ?? pod.securityContext?.runAsNonRoot))
      v.push(`${where}: runAsNonRoot must be true (pod or container)`);
    if (s.runAsUser === 0) v.push(`${where}: runs as UID 0`);
    if (!seccompAllowed(s) && !(s.seccompProfile === undefined && seccompAllowed(pod.securityContext))) {
      v.push(`${where}: seccompProfile must be RuntimeDefault or Localhost (pod or container)`);
    }
    if (!s.capabilities?.drop?.includes('ALL')) v.push(`${where}: capabilities must drop ALL`);
    const added = (s.capabilities?.add ?? []).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (added.length > 0) v.push(`${where}: may add only NET_BIND_SERVICE, adds ${added.join(', ')}`);
    if (s.procMount !== undefined && s.procMount !== 'Default') v.push(`${where}: procMount must be Default`);
    for (const port of c.ports ?? []) {
      if (port.hostPort) v.push(`${where}: hostPort ${port.hostPort}`);
    }
  }
  return v;
}

/** The restricted controls that can be judged from one pod-level security context in Helm values. */
export function restrictedPodContextViolations(s: SecurityContext | undefined): string[] {
  if (!s) return ['missing'];
  const v: string[] = [];
  if (s.runAsNonRoot !== true) v.push('runAsNonRoot must be true');
  if (s.runAsUser === 0) v.push('runs as UID 0');
  if (!seccompAllowed(s)) v.push('seccompProfile must be RuntimeDefault or Localhost');
  return v;
}

/** The restricted controls that can be judged from one container security context in Helm values. */
export function restrictedContainerContextViolations(s: SecurityContext | undefined): string[] {
  if (!s) return ['missing'];
  const v: string[] = [];
  if (s.privileged) v.push('privileged');
  if (s.allowPrivilegeEscalation !== false) v.push('allowPrivilegeEscalation must be false');
  if (!s.capabilities?.drop?.includes('ALL')) v.push('capabilities must drop ALL');
  if (s.runAsUser === 0) v.push('runs as UID 0');
  return v;
}
