/**
 * Policy checks on one workload: host access, its ServiceAccount and token, its containers, the
 * NetworkPolicies selecting it, and (Deployments) replicas, rollout, spread and disruption budget.
 */

import type { RenderedObject } from '@slipway/deploy';
import { containerFindings } from './container-policy.js';
import { type AddFinding, specOf } from './policy-checks.js';
import { selects, type Workload } from './workloads.js';

export function workloadFindings(w: Workload, env: RenderedObject[], add: AddFinding) {
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
        specOf(o.object) as {
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
  const s = specOf(w.source.object) as {
    replicas?: number;
    strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string } };
  };
  const hpa = inNamespace.find((o) => {
    const ref = (specOf(o.object) as { scaleTargetRef?: { kind: string; name: string } }).scaleTargetRef;
    return (
      o.object.kind === 'HorizontalPodAutoscaler' &&
      ref?.kind === w.source.object.kind &&
      ref.name === w.source.object.metadata.name
    );
  });
  const minimum = hpa
    ? ((specOf(hpa.object) as { minReplicas?: number }).minReplicas ?? 1)
    : (s.replicas ?? 1);
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
        (specOf(o.object) as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels,
        w.labels,
      ),
  );
  if (pdbs.length !== 1) {
    add('pod-disruption-budget', `${pdbs.length} PodDisruptionBudgets select its pods (want exactly 1)`);
  } else {
    const budget = specOf(pdbs[0]!.object) as {
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
