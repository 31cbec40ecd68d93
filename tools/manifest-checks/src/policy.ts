/**
 * The manifest checks kube-score, Polaris, kube-linter and Checkov share, as code (none of those
 * binaries runs here). Each finding names its check; a finding on an object that carries a waiver
 * for that check (waivers.slipway.dev/<check>: reason) is waived, and every other finding fails.
 * This file runs them all and holds the checks on Services, Ingresses, HPAs, Secrets and
 * NetworkPolicies; workload-policy.ts and container-policy.ts hold the rest.
 */
import { describeObject, type RenderedObject, waiversOf } from '@slipway/deploy';
import { type Finding, type PolicyCheck, specOf } from './policy-checks.js';
import { workloadFindings } from './workload-policy.js';
import { selects, workloadsOf } from './workloads.js';

export { type Finding, POLICY_CHECKS, type PolicyCheck } from './policy-checks.js';

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
    const s = specOf(o.object);
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
                ? (specOf(service.object) as { ports?: { name?: string; port: number }[] }).ports
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
            ((specOf(x.object) as { policyTypes?: string[] }).policyTypes ?? []).includes('Egress'),
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
