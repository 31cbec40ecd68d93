import { addonsOf, describeObject, environments, RELEASES } from '@slipway/deploy';
import { describe, expect, it } from 'vitest';
import {
  restrictedContainerContextViolations,
  restrictedPodContextViolations,
  restrictedViolations,
} from '../src/pod-security.js';
import { renderedManifests } from '../src/rendered-manifests.js';
import { workloadsOf } from '../src/workloads.js';

const all = renderedManifests();
const workloads = workloadsOf(all);

function valueAt(values: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], values);
}

describe('Pod Security Standards: restricted', () => {
  it.each(workloads.map((w) => [describeObject(w.source), w] as const))('%s would be admitted', (_, w) => {
    expect(restrictedViolations(w.pod)).toEqual([]);
  });

  it('every namespace enforces restricted, and so does every namespace a rendered workload runs in', () => {
    const namespaces = all.filter((o) => o.object.kind === 'Namespace');
    expect(namespaces.length).toBeGreaterThan(0);
    for (const ns of namespaces) {
      expect(ns.object.metadata.labels?.['pod-security.kubernetes.io/enforce'], describeObject(ns)).toBe(
        'restricted',
      );
    }
    for (const w of workloads) {
      const ns = namespaces.find(
        (n) =>
          n.environment === w.source.environment &&
          n.object.metadata.name === w.source.object.metadata.namespace,
      );
      expect(
        ns,
        `${describeObject(w.source)}: its namespace is rendered with a Pod Security label`,
      ).toBeDefined();
    }
  });

  describe.each(environments(RELEASES).map((env) => [env.name, env] as const))(
    'add-on values on %s',
    (_, env) => {
      it.each(addonsOf(env).map((a) => [a.name, a] as const))(
        '%s sets restricted security contexts',
        (_, addon) => {
          expect(addon.podSecurity).toBe('restricted');
          const paths = addon.securityContextPaths ?? {};
          expect(
            (paths.pod ?? []).length + (paths.container ?? []).length,
            'sets at least one security context',
          ).toBeGreaterThan(0);
          for (const path of paths.pod ?? []) {
            expect(restrictedPodContextViolations(valueAt(addon.values, path) as never), path).toEqual([]);
          }
          for (const path of paths.container ?? []) {
            expect(restrictedContainerContextViolations(valueAt(addon.values, path) as never), path).toEqual(
              [],
            );
          }
        },
      );
    },
  );

  it('the check rejects what the restricted profile rejects', () => {
    const pod = {
      hostPID: true,
      securityContext: { runAsUser: 0 },
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
      containers: [
        {
          name: 'c',
          ports: [{ containerPort: 80, hostPort: 80 }],
          securityContext: {
            privileged: true,
            capabilities: { add: ['SYS_ADMIN'] },
            seccompProfile: { type: 'Unconfined' },
          },
        },
      ],
    };
    expect(restrictedViolations(pod)).toEqual([
      'host namespaces: hostNetwork, hostPID and hostIPC must be unset or false',
      'volume root: type hostPath is not allowed',
      'pod runs as UID 0',
      'container c: privileged',
      'container c: allowPrivilegeEscalation must be false',
      'container c: runAsNonRoot must be true (pod or container)',
      'container c: seccompProfile must be RuntimeDefault or Localhost (pod or container)',
      'container c: capabilities must drop ALL',
      'container c: may add only NET_BIND_SERVICE, adds SYS_ADMIN',
      'container c: hostPort 80',
    ]);
    expect(restrictedPodContextViolations({ runAsNonRoot: false })).toEqual([
      'runAsNonRoot must be true',
      'seccompProfile must be RuntimeDefault or Localhost',
    ]);
    expect(restrictedContainerContextViolations(undefined)).toEqual(['missing']);
  });
});
