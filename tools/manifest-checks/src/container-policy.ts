/** Policy checks on one container of a workload: security context, env, resources, image, probes. */
import { SECRET_FILE_SUFFIX, SECRET_SETTINGS } from '@slipway/contract';
import type { AddFinding } from './policy-checks.js';
import type { ContainerSpec, Probe, Workload } from './workloads.js';

const MIN_UID = 10000;
const SECRET_NAME_PATTERN = /(PASSWORD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIALS)/i;

function probeKey(p?: Probe): string {
  return JSON.stringify(p?.httpGet ?? p?.tcpSocket ?? p?.exec ?? p?.grpc ?? null);
}

function probePortDeclared(c: ContainerSpec, p?: Probe): boolean {
  const port = p?.httpGet?.port ?? p?.tcpSocket?.port;
  if (port === undefined) return true;
  return (c.ports ?? []).some((declared) => declared.name === port || declared.containerPort === port);
}

export function containerFindings(w: Workload, c: ContainerSpec, add: AddFinding) {
  const s = c.securityContext ?? {};
  const pod = w.pod.securityContext ?? {};
  const uid = s.runAsUser ?? pod.runAsUser;
  const where = `container ${c.name}`;
  if (!(s.runAsNonRoot ?? pod.runAsNonRoot) || uid === undefined || uid < MIN_UID) {
    add('run-as-non-root', `${where}: runAsNonRoot with a UID ≥ ${MIN_UID} (got ${uid ?? 'none'})`);
  }
  if (s.readOnlyRootFilesystem !== true)
    add('read-only-root-filesystem', `${where}: readOnlyRootFilesystem is not true`);
  if (s.allowPrivilegeEscalation !== false || s.privileged) {
    add('no-privilege-escalation', `${where}: allowPrivilegeEscalation must be false and privileged unset`);
  }
  if (!s.capabilities?.drop?.includes('ALL') || (s.capabilities.add ?? []).length > 0) {
    add('drop-all-capabilities', `${where}: drop ALL and add nothing`);
  }
  if ((s.seccompProfile ?? pod.seccompProfile)?.type !== 'RuntimeDefault') {
    add('seccomp-runtime-default', `${where}: seccompProfile RuntimeDefault`);
  }
  if ((c.ports ?? []).some((p) => p.hostPort)) add('no-host-ports', `${where}: declares a hostPort`);
  for (const e of c.env ?? []) {
    const secretName = SECRET_SETTINGS.includes(e.name as never) || SECRET_NAME_PATTERN.test(e.name);
    if (e.value !== undefined && secretName && !e.name.endsWith(SECRET_FILE_SUFFIX)) {
      add('no-secret-literals-in-env', `${where}: ${e.name} has a literal value; use a Secret`);
    }
  }
  const r = c.resources ?? {};
  if (!r.requests?.cpu || !r.requests.memory || !r.limits?.memory) {
    add('resources', `${where}: needs requests.cpu, requests.memory and limits.memory`);
  }
  const image = c.image ?? '';
  const digest = image.includes('@sha256:');
  const tag = image.split('/').pop()?.split('@')[0]?.split(':')[1];
  if (!digest && (!tag || tag === 'latest'))
    add('image-tag', `${where}: image ${image} has no tag or uses latest`);
  if (!digest) add('image-digest', `${where}: image ${image} is not pinned by digest`);
  if (w.longRunning) {
    if (!c.readinessProbe || !c.livenessProbe) add('probes', `${where}: needs readiness and liveness probes`);
    else if (
      probeKey(c.readinessProbe) === probeKey(c.livenessProbe) &&
      c.readinessProbe.periodSeconds === c.livenessProbe.periodSeconds
    ) {
      add('probes', `${where}: readiness and liveness probes are identical`);
    }
    for (const p of [c.startupProbe, c.readinessProbe, c.livenessProbe]) {
      if (!probePortDeclared(c, p)) add('probes', `${where}: a probe targets an undeclared port`);
    }
  } else if (!c.readinessProbe && !c.livenessProbe) {
    add('probes', `${where}: a Job has no probes`);
  }
}
