/**
 * Each check on a copy of staging's real layers with one gap put back in: the check must name it.
 * (The same checks passing on the real layers is layers-agree.test.ts.)
 */
import { SERVICE_ACCOUNTS } from '@slipway/contract';
import { SYNTH_TIMEOUT_MS } from '@slipway/infra/cached-synth';
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
  withManifests,
} from '../src/index.js';
import type { Json } from '../src/layers/rendered-manifests.js';

let real: Layers;
beforeAll(async () => {
  real = await loadLayers('staging');
}, SYNTH_TIMEOUT_MS);

/** A deep copy of staging's layers, changed by `change`. */
function broken(change: (layers: Layers) => void): Layers {
  const copy = structuredClone(real);
  change(copy);
  return withManifests(copy, copy.manifests);
}

const resources = (layers: Layers, type: string) =>
  Object.values(layers.infra!.cluster.Resources).filter((r) => r.Type === type) as Json[];
const application = (layers: Layers, name: string) =>
  layers.manifests.find((m) => m.kind === 'Application' && m.name === name)!.object;

describe('the cross-layer checks find the gap when it is put back', () => {
  it('NetworkPolicies without the VPC CNI network policy agent', () => {
    const layers = broken((l) => {
      for (const addon of resources(l, 'AWS::EKS::Addon')) delete addon.Properties.ConfigurationValues;
    });
    expect(networkPolicyEnforcement(layers).join('\n')).toMatch(/network policies .* does not enforce them/);
  });

  it('volume claims without a StorageClass, or without the EBS CSI driver', () => {
    const noClass = broken((l) => {
      l.manifests = l.manifests.filter((m) => m.kind !== 'StorageClass');
    });
    expect(storageProvisioning(noClass).join('\n')).toMatch(/prometheusSpec.storageSpec.*would stay Pending/);
    const noDriver = broken((l) => {
      const cluster = l.infra!.cluster.Resources;
      for (const [id, r] of Object.entries(cluster))
        if (r.Type === 'AWS::EKS::Addon' && (r.Properties as Json).AddonName === 'aws-ebs-csi-driver')
          delete cluster[id];
    });
    expect(storageProvisioning(noDriver).join('\n')).toMatch(
      /provisioner ebs\.csi\.aws\.com nothing installs/,
    );
  });

  it('an AWS caller without its association, an association without a ServiceAccount, a wildcard policy', () => {
    const unbound = broken((l) => {
      const cluster = l.infra!.cluster.Resources;
      for (const [id, r] of Object.entries(cluster))
        if (
          r.Type === 'AWS::EKS::PodIdentityAssociation' &&
          (r.Properties as Json).ServiceAccount === SERVICE_ACCOUNTS.externalDns
        )
          delete cluster[id];
    });
    expect(podIdentity(unbound).join('\n')).toMatch(
      /external-dns\/external-dns .* has 0 Pod Identity associations/,
    );

    const stray = broken((l) => {
      const [association] = resources(l, 'AWS::EKS::PodIdentityAssociation');
      l.infra!.cluster.Resources.Stray = {
        ...association,
        Properties: { ...association.Properties, ServiceAccount: 'nobody' },
      };
    });
    expect(podIdentity(stray).join('\n')).toMatch(/binds a role to .*\/nobody, but no ServiceAccount/);

    const wildcard = broken((l) => {
      const role = resources(l, 'AWS::IAM::Role').find((r) =>
        JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes(`"${SERVICE_ACCOUNTS.loki}"`),
      );
      role.Properties.Policies[0].PolicyDocument.Statement.push({
        Effect: 'Allow',
        Action: 's3:*',
        Resource: '*',
      });
    });
    expect(podIdentity(wildcard).join('\n')).toMatch(/allows every action of s3:\*/);
  });

  it('an ExternalSecret reading a property infra does not create', () => {
    const layers = broken((l) => {
      const secret = l.manifests.find((m) => m.kind === 'ExternalSecret' && m.object.spec.data)!;
      secret.object.spec.data[0].remoteRef.property = 'NOT_CREATED';
    });
    expect(externalSecretSources(layers).join('\n')).toMatch(/reads property NOT_CREATED/);
  });

  it('an Ingress of a class no controller implements, a ServiceMonitor without the Prometheus Operator', () => {
    const layers = broken((l) => {
      l.manifests.find((m) => m.kind === 'Ingress')!.object.spec.ingressClassName = 'nginx';
      l.manifests = l.manifests.filter(
        (m) => !(m.kind === 'Application' && m.name === 'kube-prometheus-stack'),
      );
    });
    const problems = controllersInstalled(layers).join('\n');
    expect(problems).toMatch(/ingress class nginx, which no installed controller implements/);
    expect(problems).toMatch(/ServiceMonitor .* needs kube-prometheus-stack/);
  });

  it('a HorizontalPodAutoscaler without Karpenter, or Karpenter disagreeing with infra', () => {
    const withoutKarpenter = broken((l) => {
      l.manifests = l.manifests.filter((m) => !(m.kind === 'Application' && m.name === 'karpenter'));
    });
    expect(nodeAutoscaling(withoutKarpenter).join('\n')).toMatch(/nothing adds nodes/);
    const wrongQueue = broken((l) => {
      application(l, 'karpenter').spec.source.helm.valuesObject.settings.interruptionQueue = 'elsewhere';
    });
    expect(nodeAutoscaling(wrongQueue).join('\n')).toMatch(
      /interruption queue elsewhere, which infra does not create/,
    );
  });

  it("Grafana on the chart's default password, a receiver Secret nothing creates", () => {
    const layers = broken((l) => {
      const values = application(l, 'kube-prometheus-stack').spec.source.helm.valuesObject;
      delete values.grafana.admin;
      l.manifests = l.manifests.filter(
        (m) => !(m.kind === 'ExternalSecret' && m.name === 'alertmanager-receivers'),
      );
    });
    const problems = chartSecrets(layers).join('\n');
    expect(problems).toMatch(/default admin password/);
    expect(problems).toMatch(
      /Secret monitoring\/alertmanager-receivers, which nothing in the manifests creates/,
    );
  });

  it("Loki on the node's disk", () => {
    const layers = broken((l) => {
      application(l, 'loki').spec.source.helm.valuesObject.loki.storage = { type: 'filesystem' };
    });
    expect(telemetryStorage(layers).join('\n')).toMatch(/loki keeps its data on the node's disk/);
  });

  describeWithTool(
    'alert routing',
    { available: toolAvailable('amtool', ['--version']), reason: 'amtool is not installed' },
    () => {
      it("alerts under the chart's default Alertmanager configuration reach nobody", () => {
        const layers = broken((l) => {
          delete application(l, 'kube-prometheus-stack').spec.source.helm.valuesObject.alertmanager.config;
        });
        const problems = alertReceivers(layers, routedReceivers).join('\n');
        expect(problems).toMatch(/SlipwayAvailabilityFastBurn .* reaches nobody/);
        expect(problems).toMatch(/Watchdog .* reaches nobody/);
        expect(problems).not.toMatch(/InfoInhibitor/);
      });
    },
  );
});
