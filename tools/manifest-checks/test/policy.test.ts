import { ENVIRONMENTS, SERVICE_NAME } from '@slipway/contract';
import { waiversOf } from '@slipway/deploy';
import { describe, expect, it } from 'vitest';
import { describeFinding, type Finding, POLICY_CHECKS, policyFindings } from '../src/policy.js';
import { renderedManifests } from '../src/rendered-manifests.js';

// biome-ignore lint/suspicious/noExplicitAny: the mutations reach into arbitrary manifest fields
type Json = any;

const all = renderedManifests();
const findingsOf = (env: string) => policyFindings(all.filter((o) => o.environment === env));

describe.each(ENVIRONMENTS)('policy checks on %s', (env) => {
  const findings = findingsOf(env);

  it('has no finding without a waiver next to the resource', () => {
    expect(findings.filter((f) => !f.waived).map(describeFinding)).toEqual([]);
  });

  it('has no stale waiver (each one silences a real finding of a known check)', () => {
    const waivers = all
      .filter((o) => o.environment === env)
      .flatMap((o) => waiversOf(o.object.metadata.annotations).map((w) => ({ o, w })));
    const stale = waivers.filter(
      ({ o, w }) => !findings.some((f: Finding) => f.object === o && f.check === w.check && f.waived),
    );
    expect(stale.map(({ o, w }) => `${o.object.kind} ${o.object.metadata.name}: ${w.check}`)).toEqual([]);
    for (const { w } of waivers) expect(Object.keys(POLICY_CHECKS)).toContain(w.check);
  });
});

describe('the policy checks catch what they claim to', () => {
  const staging = all.filter((o) => o.environment === 'staging');
  const mutate = (kind: string, change: (object: Json) => void) =>
    staging.map((o) => {
      if (o.object.kind !== kind) return o;
      const object = structuredClone(o.object) as Json;
      change(object);
      return { ...o, object: object as typeof o.object };
    });
  const checksFailing = (objects: typeof staging) =>
    [
      ...new Set(
        policyFindings(objects)
          .filter((f) => !f.waived)
          .map((f) => f.check),
      ),
    ].sort();
  const container = (d: Json) => d.spec.template.spec.containers[0];

  it('a root, writable, escalating container with the latest tag and no probes', () => {
    const objects = mutate('Deployment', (d) => {
      const c = container(d);
      c.securityContext = {};
      d.spec.template.spec.securityContext = {};
      c.image = `${SERVICE_NAME}:latest`;
      delete c.readinessProbe;
    });
    expect(checksFailing(objects)).toEqual([
      'drop-all-capabilities',
      'image-digest',
      'image-tag',
      'no-privilege-escalation',
      'probes',
      'read-only-root-filesystem',
      'run-as-non-root',
      'seccomp-runtime-default',
    ]);
  });

  it('host access, the default ServiceAccount, a mounted token and a literal secret', () => {
    const objects = mutate('Deployment', (d) => {
      const pod = d.spec.template.spec;
      pod.hostNetwork = true;
      pod.serviceAccountName = 'default';
      pod.automountServiceAccountToken = true;
      pod.volumes.push({ name: 'host', hostPath: { path: '/' } });
      container(d).env.push({ name: 'API_TOKENS', value: 'plain' });
      container(d).ports[0].hostPort = 80;
      delete container(d).resources.limits;
    });
    expect(checksFailing(objects)).toEqual([
      'dedicated-service-account',
      'no-host-namespaces',
      'no-host-path',
      'no-host-ports',
      'no-secret-literals-in-env',
      'no-token-automount',
      'resources',
    ]);
  });

  it('availability: one replica, Recreate, no spread, a blocking budget, identical probes', () => {
    let objects = mutate('HorizontalPodAutoscaler', (h) => {
      h.spec.minReplicas = 1;
    });
    objects = objects.map((o) => {
      const object = structuredClone(o.object) as Json;
      if (o.object.kind === 'Deployment') {
        object.spec.strategy = { type: 'Recreate' };
        delete object.spec.template.spec.topologySpreadConstraints;
        container(object).livenessProbe = container(object).readinessProbe;
      }
      if (o.object.kind === 'PodDisruptionBudget')
        object.spec = { minAvailable: 1, selector: object.spec.selector };
      return { ...o, object: object as typeof o.object };
    });
    expect(checksFailing(objects)).toEqual([
      'hpa-min-replicas',
      'pod-disruption-budget',
      'probes',
      'replicas',
      'rolling-update',
      'topology-spread',
    ]);
  });

  it('wiring: no default deny, a Service and an Ingress pointing nowhere, no TLS', () => {
    let objects = staging.filter(
      (o) => !(o.object.kind === 'NetworkPolicy' && o.object.metadata.name === 'default-deny'),
    );
    objects = objects.map((o) => {
      const object = structuredClone(o.object) as Json;
      if (o.object.kind === 'Service') object.spec.selector = { 'app.kubernetes.io/name': 'other' };
      if (o.object.kind === 'Ingress') {
        object.spec.rules[0].http.paths[0].backend.service.port = { name: 'nope' };
        delete object.spec.tls;
      }
      return { ...o, object: object as typeof o.object };
    });
    expect(checksFailing(objects)).toEqual([
      'ingress-backend',
      'ingress-tls',
      'network-policy',
      'service-selector',
    ]);
  });
});
