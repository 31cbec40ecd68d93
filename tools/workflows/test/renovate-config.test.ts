import { describe, expect, it } from 'vitest';
import { CHARTS } from '../../../deploy/src/addons/chart-versions.js';
import { readRepoFile } from '../src/repository.js';

interface PackageRule {
  matchManagers?: string[];
  matchDatasources?: string[];
  matchPackageNames?: string[];
  groupName?: string;
  allowedVersions?: string;
  pinDigests?: boolean;
}

interface RenovateConfig {
  extends: string[];
  packageRules: PackageRule[];
  customManagers: {
    customType: string;
    managerFilePatterns: string[];
    matchStrings: string[];
    datasourceTemplate: string;
  }[];
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

  it('finds every add-on chart with its repository and version', () => {
    const [manager] = config.customManagers;
    const file = manager!.managerFilePatterns[0]!.replace(/^\/\^?|\$?\/$/g, '').replaceAll('\\.', '.');
    // Renovate's regex managers use the same named-group syntax as JavaScript.
    const pattern = new RegExp(manager!.matchStrings[0]!, 'g');
    const found = [...readRepoFile(file).matchAll(pattern)].map((m) => m.groups);

    expect(manager!.datasourceTemplate).toBe('helm');
    expect(found).toEqual(
      Object.values(CHARTS).map((chart) => ({
        registryUrl: chart.repoURL,
        depName: chart.chart,
        currentValue: chart.version,
      })),
    );
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
