import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAMESPACES, SERVICE_ACCOUNTS } from '@slipway/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { EKS_ADDON_VERSIONS } from '../src/config/eks-addon-versions.js';
import { KUBERNETES_VERSION } from '../src/stacks/cluster-stack.js';
import { BOTH, type Json, resourcesOfType } from './support/environments.js';
import {
  INFRA_DIR,
  SYNTH_TIMEOUT_MS,
  synthesizedAssembly,
  templateOf,
} from './support/synthesized-assembly.js';

const VERSIONS_FILE = join(INFRA_DIR, 'src/config/eks-addon-versions.ts');
const RENOVATE_CONFIG = join(INFRA_DIR, '../.github/renovate.json');

// The first worker runs the real CLI synth (tens of seconds on 2 cores); the others wait for it.
beforeAll(() => synthesizedAssembly(), SYNTH_TIMEOUT_MS);

describe.each(BOTH)('EKS add-ons of $name', ({ config }) => {
  const addons = async () =>
    Object.fromEntries(
      resourcesOfType(await templateOf(config, 'cluster'), 'AWS::EKS::Addon').map(([, r]) => [
        r.Properties.AddonName as string,
        r.Properties as Json,
      ]),
    );

  it('installs every add-on at its pinned version, so a re-deploy changes none of them', async () => {
    const installed = await addons();
    expect(Object.keys(installed).sort()).toEqual(Object.keys(EKS_ADDON_VERSIONS).sort());
    for (const [name, properties] of Object.entries(installed)) {
      expect(properties.AddonVersion, name).toBe(EKS_ADDON_VERSIONS[name as keyof typeof EKS_ADDON_VERSIONS]);
    }
  });

  it('runs the VPC CNI network policy agent, so NetworkPolicies are enforced', async () => {
    const { 'vpc-cni': vpcCni } = await addons();
    expect(JSON.parse(vpcCni.ConfigurationValues)).toMatchObject({ enableNetworkPolicy: 'true' });
  });

  it('gives the EBS CSI driver its own Pod Identity role with the AWS managed driver policy', async () => {
    const t = await templateOf(config, 'cluster');
    const { 'aws-ebs-csi-driver': driver } = await addons();
    expect(driver.PodIdentityAssociations).toHaveLength(1);
    const [association] = driver.PodIdentityAssociations;
    expect(association.ServiceAccount).toBe(SERVICE_ACCOUNTS.ebsCsiController);
    const role = t.toJSON().Resources[association.RoleArn['Fn::GetAtt'][0]];
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain(
      'service-role/AmazonEBSCSIDriverPolicy',
    );
    const trust = role.Properties.AssumeRolePolicyDocument.Statement[0];
    expect(trust.Principal).toEqual({ Service: 'pods.eks.amazonaws.com' });
    expect(trust.Condition.StringEquals).toMatchObject({
      'aws:RequestTag/kubernetes-namespace': NAMESPACES.ebsCsiDriver,
      'aws:RequestTag/kubernetes-service-account': SERVICE_ACCOUNTS.ebsCsiController,
    });
  });
});

describe('add-on versions for the dependency bot', () => {
  const source = readFileSync(VERSIONS_FILE, 'utf8');
  const renovate = JSON.parse(readFileSync(RENOVATE_CONFIG, 'utf8'));
  const manager = renovate.customManagers.find((m: Json) => m.datasourceTemplate === 'aws-eks-addon');

  it("names the cluster's Kubernetes version and the add-on above each pin", () => {
    const filters = [...source.matchAll(/eksAddonsFilter=(\{.*\})\n\s*'?([\w-]+)'?: '([^']+)'/g)].map(
      ([, filter, key, version]) => ({ filter: JSON.parse(filter!), key, version }),
    );
    expect(filters.map((f) => f.key).sort()).toEqual(Object.keys(EKS_ADDON_VERSIONS).sort());
    for (const { filter, key, version } of filters) {
      expect(filter).toEqual({ kubernetesVersion: KUBERNETES_VERSION.version, addonName: key });
      expect(version).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
    }
  });

  it("is matched by Renovate's aws-eks-addon custom manager, one dependency per add-on", () => {
    expect(manager, 'a custom manager with datasourceTemplate aws-eks-addon').toBeDefined();
    expect(
      manager.managerFilePatterns.some((p: string) =>
        new RegExp(p.slice(1, -1)).test('infra/src/config/eks-addon-versions.ts'),
      ),
    ).toBe(true);
    const found = manager.matchStrings.flatMap((pattern: string) =>
      [...source.matchAll(new RegExp(pattern, 'g'))].map((m) => m.groups),
    );
    expect(found.map((g: Json) => JSON.parse(g.packageName).addonName).sort()).toEqual(
      Object.keys(EKS_ADDON_VERSIONS).sort(),
    );
    for (const groups of found) {
      expect(groups.currentValue).toBe(
        EKS_ADDON_VERSIONS[JSON.parse(groups.packageName).addonName as keyof typeof EKS_ADDON_VERSIONS],
      );
    }
  });
});
