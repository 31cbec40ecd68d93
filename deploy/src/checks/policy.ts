/**
 * The manifest checks kube-score, Polaris, kube-linter and Checkov share, as code (none of those
 * binaries runs here). Each finding names its check; a finding on an object that carries a waiver
 * for that check (waivers.slipway.dev/<check>: reason) is waived, and every other finding fails.
 */
import { SECRET_FILE_SUFFIX, SECRET_SETTINGS } from '@slipway/service/contract';
import { waiversOf } from '../waivers.js';
import { describeObject, type RenderedObject } from './rendered-objects.js';
import { type ContainerSpec, type Probe, selects, type Workload, workloadsOf } from './workloads.js';

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

const MIN_UID = 10000;
const SECRET_NAME_PATTERN = /(PASSWORD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIALS)/i;

type Kube = RenderedObject['object'];
const spec = (o: Kube) => (o as { spec?: Record<string, unknown> }).spec ?? {};

function probeKey(p?: Probe): string {
  return JSON.stringify(p?.httpGet ?? p?.tcpSocket ?? p?.exec ?? p?.grpc ?? null);
}

function probePortDeclared(c: ContainerSpec, p?: Probe): boolean {
  const port = p?.httpGet?.port ?? p?.tcpSocket?.port;
  if (port === undefined) return true;
  return (c.ports ?? []).some((declared) => declared.name === port || declared.containerPort === port);
}

function containerFindings(
  w: Workload,
  c: ContainerSpec,
  add: (check: PolicyCheck, message: string) => void,
) {
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

function workloadFindings(
  w: Workload,
  env: RenderedObject[],
  add: (check: PolicyCheck, message: string) => void,
) {
  const pod = w.pod;
  const namespace = w.source.object.metadata.namespace;
  const inNamespace = env.filter((o) => o.object.metadata.namespace === namespace);
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) add('no-host-namespaces', 'uses a host namespace');
  if ((pod.volumes ?? []).some((v) => 'hostPath' in v)) add('no-host-path', 'mounts a hostPath volume');
  const account = inNamespace.find(
    (o) => o.object.kind === 'ServiceAccount' && o.object.metadata.name === pod.serviceAccountName,
  );
  if (!pod.serviceAccountName || pod.serviceAccountName === 'default' || !account) {
    add(
      'dedicated-service-account',
      `serviceAccountName ${pod.serviceAccountName ?? '(default)'} is not a rendered ServiceAccount of its own`,
    );
  }
  const accountAutomount = (account?.object as { automountServiceAccountToken?: boolean } | undefined)
    ?.automountServiceAccountToken;
  if (
    pod.automountServiceAccountToken !== false &&
    !(pod.automountServiceAccountToken === undefined && accountAutomount === false)
  ) {
    add('no-token-automount', 'automountServiceAccountToken must be false');
  }
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) containerFindings(w, c, add);

  const policies = inNamespace
    .filter((o) => o.object.kind === 'NetworkPolicy')
    .map(
      (o) =>
        spec(o.object) as {
          podSelector?: { matchLabels?: Record<string, string> };
          policyTypes?: string[];
        },
    );
  const defaultDeny = policies.some(
    (p) =>
      Object.keys(p.podSelector?.matchLabels ?? {}).length === 0 &&
      p.policyTypes?.includes('Ingress') &&
      p.policyTypes.includes('Egress'),
  );
  if (!defaultDeny || !policies.some((p) => selects(p.podSelector?.matchLabels, w.labels))) {
    add('network-policy', 'needs a default-deny NetworkPolicy and a policy selecting its pods');
  }

  if (w.source.object.kind !== 'Deployment' && w.source.object.kind !== 'StatefulSet') {
    if (!w.longRunning) {
      add('replicas', 'runs a single pod');
      add('pod-disruption-budget', 'no PodDisruptionBudget protects it');
    }
    return;
  }
  const s = spec(w.source.object) as {
    replicas?: number;
    strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string } };
  };
  const hpa = inNamespace.find((o) => {
    const ref = (spec(o.object) as { scaleTargetRef?: { kind: string; name: string } }).scaleTargetRef;
    return (
      o.object.kind === 'HorizontalPodAutoscaler' &&
      ref?.kind === w.source.object.kind &&
      ref.name === w.source.object.metadata.name
    );
  });
  const minimum = hpa ? ((spec(hpa.object) as { minReplicas?: number }).minReplicas ?? 1) : (s.replicas ?? 1);
  if (minimum < 2) add('replicas', `runs ${minimum} replica(s) at minimum`);
  if (
    w.source.object.kind === 'Deployment' &&
    (s.strategy?.type !== 'RollingUpdate' || s.strategy.rollingUpdate?.maxUnavailable !== 0)
  ) {
    add('rolling-update', 'strategy must be RollingUpdate with maxUnavailable 0');
  }
  if (!(pod.topologySpreadConstraints?.length || pod.affinity?.podAntiAffinity))
    add('topology-spread', 'no topology spread or anti-affinity');
  const pdbs = inNamespace.filter(
    (o) =>
      o.object.kind === 'PodDisruptionBudget' &&
      selects(
        (spec(o.object) as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels,
        w.labels,
      ),
  );
  if (pdbs.length !== 1) {
    add('pod-disruption-budget', `${pdbs.length} PodDisruptionBudgets select its pods (want exactly 1)`);
  } else {
    const budget = spec(pdbs[0]!.object) as {
      minAvailable?: number | string;
      maxUnavailable?: number | string;
    };
    const blocks =
      (typeof budget.minAvailable === 'number' && budget.minAvailable >= minimum) ||
      (typeof budget.maxUnavailable === 'number' && budget.maxUnavailable < 1) ||
      budget.minAvailable === '100%' ||
      budget.maxUnavailable === '0%';
    if (blocks) add('pod-disruption-budget', `the budget allows no eviction at ${minimum} replicas`);
  }
}

/** Every finding in one environment's objects, each marked waived when its object waives it. */
export function policyFindings(env: RenderedObject[]): Finding[] {
  const findings: Finding[] = [];
  const addFor = (object: RenderedObject) => (check: PolicyCheck, message: string) => {
    const waiver = waiversOf(object.object.metadata.annotations).find((w) => w.check === check);
    findings.push({ check, object, message, ...(waiver ? { waived: waiver.reason } : {}) });
  };
  for (const w of workloadsOf(env)) workloadFindings(w, env, addFor(w.source));

  const podLabels = workloadsOf(env).map((w) => ({
    namespace: w.source.object.metadata.namespace,
    labels: w.labels,
    w,
  }));
  for (const o of env) {
    const add = addFor(o);
    const s = spec(o.object);
    switch (o.object.kind) {
      case 'HorizontalPodAutoscaler':
        if (((s as { minReplicas?: number }).minReplicas ?? 1) < 2)
          add('hpa-min-replicas', 'minReplicas below 2');
        break;
      case 'Service': {
        const { selector, ports } = s as {
          selector?: Record<string, string>;
          ports?: { name?: string; targetPort?: string | number }[];
        };
        const targets = podLabels.filter(
          (p) => p.namespace === o.object.metadata.namespace && selector && selects(selector, p.labels),
        );
        if (targets.length === 0) add('service-selector', 'its selector matches no rendered pods');
        for (const port of ports ?? []) {
          const declared = targets.some((t) =>
            t.w.pod.containers.some((c) =>
              (c.ports ?? []).some((p) => p.name === port.targetPort || p.containerPort === port.targetPort),
            ),
          );
          if (targets.length > 0 && !declared)
            add('service-selector', `targetPort ${port.targetPort} is not a declared container port`);
        }
        break;
      }
      case 'Ingress': {
        const { rules, tls } = s as {
          rules?: {
            host?: string;
            http?: {
              paths: { backend: { service?: { name: string; port: { name?: string; number?: number } } } }[];
            };
          }[];
          tls?: { hosts?: string[] }[];
        };
        for (const rule of rules ?? []) {
          for (const path of rule.http?.paths ?? []) {
            const backend = path.backend.service;
            const service = env.find(
              (x) =>
                x.object.kind === 'Service' &&
                x.object.metadata.name === backend?.name &&
                x.object.metadata.namespace === o.object.metadata.namespace,
            );
            const ports =
              (service
                ? (spec(service.object) as { ports?: { name?: string; port: number }[] }).ports
                : undefined) ?? [];
            if (!ports.some((p) => p.name === backend?.port.name || p.port === backend?.port.number)) {
              add(
                'ingress-backend',
                `backend ${backend?.name}:${backend?.port.name ?? backend?.port.number} is not a rendered Service port`,
              );
            }
          }
          if (!tls?.some((t) => t.hosts?.includes(rule.host ?? '')))
            add('ingress-tls', `host ${rule.host} has no TLS`);
        }
        break;
      }
      case 'Secret':
        if (
          (o.object as { data?: unknown; stringData?: unknown }).data ||
          (o.object as { stringData?: unknown }).stringData
        ) {
          add('secret-in-git', 'Secret values are rendered into git');
        }
        break;
      case 'NetworkPolicy': {
        const namespace = o.object.metadata.namespace;
        const egressRestricted = env.some(
          (x) =>
            x.object.kind === 'NetworkPolicy' &&
            x.object.metadata.namespace === namespace &&
            ((spec(x.object) as { policyTypes?: string[] }).policyTypes ?? []).includes('Egress'),
        );
        if (!egressRestricted)
          add('network-policy-egress', `no NetworkPolicy restricts egress in namespace ${namespace}`);
        break;
      }
    }
  }
  return findings;
}

export function describeFinding(f: Finding): string {
  return `${describeObject(f.object)} [${f.check}] ${f.message}`;
}
