/**
 * The rendered manifests of every environment against the synthesized AWS templates (the real
 * `cdk synth`, shared with infra's tests): each check must find nothing. What each one guards
 * against, and the gap it would have caught, is in its file under src/checks/.
 */
import { AWS_ENVIRONMENTS, ENVIRONMENTS } from '@slipway/contract';
import { CHARTS } from '@slipway/deploy';
import { SYNTH_TIMEOUT_MS, synthesizedAssembly } from '@slipway/infra/cached-synth';
import { routedReceivers } from '@slipway/observability-lab/amtool';
import { describeWithTool, toolAvailable } from '@slipway/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  alertReceivers,
  chartSecrets,
  controllersInstalled,
  externalSecretSources,
  type Layers,
  loadLayers,
  networkPolicyEnforcement,
  nodeAutoscaling,
  podIdentity,
  storageProvisioning,
  telemetryStorage,
} from '../src/index.js';
import { CHART_FACTS } from '../src/layers/chart-facts.js';

const AMTOOL = {
  available: toolAvailable('amtool', ['--version']),
  reason: 'amtool is not installed (apt-get install prometheus-alertmanager)',
};

// The first worker runs the real CLI synth (minutes on 2 busy cores); the others wait for it.
beforeAll(() => synthesizedAssembly(), SYNTH_TIMEOUT_MS);

describe.each(AWS_ENVIRONMENTS)('%s: deploy/ and infra/ agree', (environment) => {
  let layers: Layers;
  beforeAll(async () => {
    layers = await loadLayers(environment);
  }, SYNTH_TIMEOUT_MS);

  it('every NetworkPolicy is enforced by the cluster network', () => {
    expect(networkPolicyEnforcement(layers)).toEqual([]);
    expect(layers.manifests.some((m) => m.kind === 'NetworkPolicy')).toBe(true);
  });

  it('every volume claim gets a StorageClass whose provisioner is installed', () => {
    expect(storageProvisioning(layers)).toEqual([]);
  });

  it('every ServiceAccount that calls AWS has exactly one least-privilege Pod Identity role, and every association a ServiceAccount', () => {
    expect(podIdentity(layers)).toEqual([]);
  });

  it('every ExternalSecret reads a secret and property infra creates', () => {
    expect(externalSecretSources(layers)).toEqual([]);
    expect(layers.manifests.filter((m) => m.kind === 'ExternalSecret').length).toBeGreaterThan(0);
  });

  it('every object and chart setting that needs a controller has it installed', () => {
    expect(controllersInstalled(layers)).toEqual([]);
  });

  it("every Secret a chart's values name is created with its keys, and Grafana has no default password", () => {
    expect(chartSecrets(layers)).toEqual([]);
  });

  it('the HorizontalPodAutoscaler has nodes to grow into (Karpenter agrees with infra)', () => {
    expect(nodeAutoscaling(layers)).toEqual([]);
  });

  it('logs and traces are kept in buckets infra creates, reachable by their writers', () => {
    expect(telemetryStorage(layers)).toEqual([]);
  });

  describeWithTool('alert routing (amtool)', AMTOOL, () => {
    it('every alert, shipped or from the chart, reaches a receiver that tells someone', () => {
      expect(alertReceivers(layers, routedReceivers)).toEqual([]);
    });
  });
});

describe.each(ENVIRONMENTS.filter((e) => !(AWS_ENVIRONMENTS as readonly string[]).includes(e)))(
  '%s: controllers for what the manifests use',
  (environment) => {
    it('every object and chart setting that needs a controller has it installed', async () => {
      expect(controllersInstalled(await loadLayers(environment))).toEqual([]);
    });
  },
);

describe('what the checks know about charts', () => {
  it('describes every chart deploy/ pins', () => {
    expect(
      Object.values(CHARTS)
        .map((c) => c.chart)
        .filter((chart) => CHART_FACTS[chart] === undefined),
    ).toEqual([]);
  });
});
