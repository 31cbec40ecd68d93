import { App, Chart } from 'cdk8s';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { describe, expect, it } from 'vitest';
import { addObject } from '../src/objects/kube-object.js';

const chart = () => new Chart(new App(), 'test', { disableResourceNameHashes: true });

describe('addObject, the one way an object joins a chart', () => {
  it('synthesizes the object with sorted keys and without empty fields', () => {
    const scope = chart();
    addObject(
      scope,
      new ConfigMap({
        metadata: { name: 'settings', namespace: 'app' },
        data: { B: '2', A: '1' },
        binaryData: undefined,
      }),
    );
    expect(scope.toJson()).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: 'app' },
        data: { A: '1', B: '2' },
      },
    ]);
    expect(Object.keys((scope.toJson()[0] as { data: object }).data)).toEqual(['A', 'B']);
  });

  it('stops the render on an object its schema rejects, naming the object', () => {
    const invalid = new Deployment({
      metadata: { name: 'web', namespace: 'app' },
      spec: { replicas: 'two' } as never,
    });
    expect(() => addObject(chart(), invalid)).toThrow(
      /^Deployment app\/web does not match its schema: .*replicas/,
    );
  });

  it('refuses an object without a fixed name', () => {
    expect(() => addObject(chart(), new ConfigMap({ metadata: {} }))).toThrow(
      'a ConfigMap without metadata.name: give every object a fixed name',
    );
  });
});
