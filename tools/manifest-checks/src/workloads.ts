/** Pod templates of the rendered workloads, whatever their kind. */
import type { RenderedObject } from '@slipway/deploy';

export interface Probe {
  httpGet?: { path?: string; port?: string | number; scheme?: string };
  tcpSocket?: { port?: string | number };
  exec?: unknown;
  grpc?: unknown;
  periodSeconds?: number;
  failureThreshold?: number;
  timeoutSeconds?: number;
  initialDelaySeconds?: number;
}

export interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string };
  procMount?: string;
  sysctls?: unknown[];
}

export interface ContainerSpec {
  name: string;
  image?: string;
  args?: string[];
  command?: string[];
  workingDir?: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number; hostPort?: number; protocol?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number }; exec?: unknown; httpGet?: unknown } };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

export interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: SecurityContext;
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  volumes?: ({ name: string } & Record<string, unknown>)[];
  terminationGracePeriodSeconds?: number;
  topologySpreadConstraints?: unknown[];
  affinity?: { podAntiAffinity?: unknown };
}

export interface Workload {
  source: RenderedObject;
  labels: Record<string, string>;
  pod: PodSpec;
  /** Serves traffic for a long time (Deployment, StatefulSet, DaemonSet), unlike Jobs. */
  longRunning: boolean;
}

const WORKLOAD_KINDS: Record<string, { path: string[]; longRunning: boolean }> = {
  Deployment: { path: ['spec', 'template'], longRunning: true },
  StatefulSet: { path: ['spec', 'template'], longRunning: true },
  DaemonSet: { path: ['spec', 'template'], longRunning: true },
  Job: { path: ['spec', 'template'], longRunning: false },
  CronJob: { path: ['spec', 'jobTemplate', 'spec', 'template'], longRunning: false },
};

export function workloadsOf(objects: RenderedObject[]): Workload[] {
  const workloads: Workload[] = [];
  for (const source of objects) {
    const kind = WORKLOAD_KINDS[source.object.kind];
    if (!kind) continue;
    let template: unknown = source.object;
    for (const key of kind.path) template = (template as Record<string, unknown>)[key];
    const { metadata, spec } = template as { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
    workloads.push({ source, labels: metadata?.labels ?? {}, pod: spec, longRunning: kind.longRunning });
  }
  return workloads;
}

export function allContainers(pod: PodSpec): ContainerSpec[] {
  return [...(pod.initContainers ?? []), ...pod.containers];
}

/** Whether a `matchLabels` selector selects pods with these labels. */
export function selects(
  matchLabels: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  return Object.entries(matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}
