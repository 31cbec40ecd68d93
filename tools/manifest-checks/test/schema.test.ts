import { describeObject } from '@slipway/deploy';
import { describe, expect, it } from 'vitest';
import { renderedManifests } from '../src/rendered-manifests.js';
import { schemaProblems } from '../src/schema.js';

const objects = renderedManifests();

describe('every rendered object matches its Kubernetes or CRD schema', () => {
  it.each(objects.map((o) => [describeObject(o), o] as const))('%s', async (_, { object }) => {
    expect(await schemaProblems(object)).toEqual([]);
  });
});

describe('the schema check itself', () => {
  const deployment = () => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' } },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [{ name: 'web', image: 'web@sha256:abc', securityContext: { runAsNonRoot: true } }],
        },
      },
    },
  });

  it('accepts a valid object, label maps included', async () => {
    expect(await schemaProblems(deployment())).toEqual([]);
  });

  it('reports a misspelled field that the validators alone accept', async () => {
    const object = deployment();
    const container = object.spec.template.spec.containers[0] as Record<string, unknown>;
    container.securityContext = { runAsNonroot: true };
    expect(await schemaProblems(object)).toEqual([
      {
        object: 'Deployment web',
        problem:
          'unknown field /spec/template/spec/containers/0/securityContext/runAsNonroot (not in the Deployment schema)',
      },
    ]);
  });

  it('reports a wrong type', async () => {
    const object = deployment() as unknown as { spec: { replicas: unknown } };
    object.spec.replicas = 'two';
    const problems = await schemaProblems(object as never);
    expect(problems.map((p) => p.problem).join()).toContain('/spec/replicas');
  });

  it('allows anything inside free-form fields (Helm valuesObject) but not next to them', async () => {
    const application = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'a' },
      spec: {
        project: 'p',
        destination: { server: 'https://kubernetes.default.svc', namespace: 'n' },
        source: {
          repoURL: 'https://example.com',
          chart: 'c',
          targetRevision: '1.0.0',
          helm: { valuesObject: { any: { thing: 1 } }, relaseName: 'x' },
        },
      },
    };
    expect((await schemaProblems(application)).map((p) => p.problem)).toEqual([
      'unknown field /spec/source/helm/relaseName (not in the Application schema)',
    ]);
  });

  it('fails an object whose kind has no schema', async () => {
    const problems = await schemaProblems({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
    });
    expect(problems[0]?.problem).toMatch(/no schema for example.com\/v1 Widget/);
  });
});
