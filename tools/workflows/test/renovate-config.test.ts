import { CHARTS } from '@slipway/deploy';
import { ARGOCD_VERSION, KIND_NODE_IMAGE } from '@slipway/local-cluster';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../src/repository.js';
import { allSteps, loadWorkflows } from '../src/workflow-files.js';

interface PackageRule {
  matchManagers?: string[];
  matchDatasources?: string[];
  matchPackageNames?: string[];
  groupName?: string;
  allowedVersions?: string;
  pinDigests?: boolean;
  matchDepNames?: string[];
}

interface CustomManager {
  customType: string;
  managerFilePatterns: string[];
  matchStrings: string[];
  datasourceTemplate: string;
  depNameTemplate?: string;
}

interface RenovateConfig {
  extends: string[];
  packageRules: PackageRule[];
  customManagers: CustomManager[];
}

const config = JSON.parse(readRepoFile('.github/renovate.json')) as RenovateConfig;
const groupFor = (manager: string) =>
  config.packageRules.find((rule) => rule.matchManagers?.includes(manager) && rule.groupName);

describe('Renovate configuration', () => {
  it('groups npm packages, GitHub Actions, Docker base images and the Helm charts', () => {
    expect(groupFor('npm')?.groupName).toBe('npm packages');
    expect(groupFor('github-actions')?.groupName).toBe('GitHub Actions');
    expect(groupFor('dockerfile')).toMatchObject({ groupName: 'Docker base images', pinDigests: true });
    expect(groupFor('custom.regex')).toMatchObject({
      groupName: 'Helm add-on charts',
      matchDatasources: ['helm'],
    });
    expect(config.extends).toContain('helpers:pinGitHubActionDigestsToSemver');
  });

  /** What Renovate's regex manager would extract (it uses JavaScript's named-group syntax). */
  const extracted = (manager: CustomManager) => {
    const file = manager.managerFilePatterns[0]!.replace(/^\/\^?|\$?\/$/g, '').replaceAll('\\.', '.');
    return [...readRepoFile(file).matchAll(new RegExp(manager.matchStrings[0]!, 'g'))].map((m) => ({
      ...(manager.depNameTemplate ? { depName: manager.depNameTemplate } : {}),
      ...m.groups,
    }));
  };
  const managerFor = (datasource: string, depName: string) =>
    config.customManagers.find(
      (m) =>
        m.datasourceTemplate === datasource &&
        (m.depNameTemplate === depName || m.matchStrings[0]!.includes(depName)),
    )!;

  it('finds every add-on chart with its repository and version', () => {
    const charts = config.customManagers.find((m) => m.datasourceTemplate === 'helm')!;
    const inOciRegistry = (chart: { repoURL: string }) => !chart.repoURL.startsWith('https://');
    expect(extracted(charts)).toEqual(
      Object.values(CHARTS)
        .filter((chart) => !inOciRegistry(chart))
        .map((chart) => ({ registryUrl: chart.repoURL, depName: chart.chart, currentValue: chart.version })),
    );
    // A chart in an OCI registry is an image: the comment above its line names it for the bot.
    const oci = config.customManagers.find((m) => m.matchStrings[0]!.includes('datasource=(?<datasource>'))!;
    expect(extracted(oci)).toEqual(
      Object.values(CHARTS)
        .filter(inOciRegistry)
        .map((chart) => ({
          datasource: 'docker',
          depName: `${chart.repoURL}/${chart.chart}`,
          currentValue: chart.version,
        })),
    );
  });

  it('finds the kind node image, the kind release and ArgoCD of the local cluster, and moves kind as one', () => {
    const [, tag, digest] = /^kindest\/node:(v[\d.]+)@(sha256:[0-9a-f]{64})$/.exec(KIND_NODE_IMAGE)!;
    expect(extracted(managerFor('docker', 'kindest/node'))).toEqual([
      { depName: 'kindest/node', currentValue: tag, currentDigest: digest },
    ]);
    expect(extracted(managerFor('github-releases', 'argoproj/argo-cd'))).toEqual([
      { depName: 'argoproj/argo-cd', currentValue: ARGOCD_VERSION },
    ]);
    const kindAction = allSteps(loadWorkflows()).find(({ step }) =>
      step.uses?.startsWith('helm/kind-action@'),
    )!.step;
    expect(extracted(managerFor('github-releases', 'kubernetes-sigs/kind'))).toEqual([
      { depName: 'kubernetes-sigs/kind', currentValue: kindAction.with?.version },
    ]);
    const kindGroup = config.packageRules.find((rule) => rule.groupName === 'kind');
    expect(kindGroup?.matchDepNames?.sort()).toEqual(['kindest/node', 'kubernetes-sigs/kind']);
  });

  it('sees every Dockerfile base image pinned by digest, so it has digests to refresh', () => {
    const baseImages = [...readRepoFile('Dockerfile').matchAll(/^ARG \w+_BASE_IMAGE=(\S+)$/gm)].map(
      (m) => m[1]!,
    );
    expect(baseImages.length).toBeGreaterThan(0);
    for (const image of baseImages) expect(image).toMatch(/^[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}$/);
  });

  it('keeps the pins the root package.json depends on', () => {
    const root = JSON.parse(readRepoFile('package.json')) as { devDependencies: Record<string, string> };
    expect(root.devDependencies.typescript).toMatch(/^~5\./);
    const allowed = (name: string) =>
      config.packageRules.find((rule) => rule.matchPackageNames?.includes(name))?.allowedVersions;
    expect(allowed('typescript')).toBe('<6');
    expect(allowed('aws-cdk')).toBe('<3');
  });
});
