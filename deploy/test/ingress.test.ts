import { EDGE_HSTS_MAX_AGE_SECONDS, hstsHeaderValue, OBJECT_NAMES } from '@slipway/contract';
import { describe, expect, it } from 'vitest';
import { RELEASES } from '../src/releases.js';
import { renderEnvironments } from '../src/render/environment-manifests.js';
import { renderedObjects } from '../src/render/rendered-objects.js';

const ingresses = renderedObjects(renderEnvironments(RELEASES)).filter(
  ({ object }) => object.kind === 'Ingress' && object.metadata?.name === OBJECT_NAMES.ingress,
);
const albAttributes = (annotations: Record<string, string> | undefined) =>
  new Map(
    (annotations?.['alb.ingress.kubernetes.io/load-balancer-attributes'] ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );

describe("the service's ingress", () => {
  it('renders one per environment', () => {
    expect(ingresses.map(({ environment }) => environment).sort()).toEqual([
      'local',
      'production',
      'staging',
    ]);
  });

  it.each(['staging', 'production'])(
    'in %s, announces HSTS from the ALB, where TLS terminates (the service sends none by default)',
    (name) => {
      const { object } = ingresses.find(({ environment }) => environment === name)!;
      const attributes = albAttributes(object.metadata?.annotations as Record<string, string>);
      expect(attributes.get('routing.http.response.strict_transport_security.header_value')).toBe(
        hstsHeaderValue(EDGE_HSTS_MAX_AGE_SECONDS),
      );
      // The controller splits the attribute list on commas: a value must not contain one.
      expect([...attributes.values()].every((value) => !value.includes(','))).toBe(true);
    },
  );

  it('locally, over plain HTTP, announces no HSTS', () => {
    const { object } = ingresses.find(({ environment }) => environment === 'local')!;
    expect(JSON.stringify(object)).not.toContain('strict_transport_security');
  });
});
