/**
 * The ArgoCD wiring as ArgoCD would judge it: each child Application is allowed by its AppProject
 * (source repository, destination namespace, kinds), reads a folder that exists, pins its chart,
 * and templates only cluster metadata infra/ provides.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_METADATA, ENVIRONMENTS, gitopsRootPath, REPOSITORY } from '@slipway/contract';
import { describe, expect, it } from 'vitest';
import { APP_FOLDERS, appPath } from '../src/gitops/argocd.js';
import { DEPLOY_DIR } from '../src/paths.js';
import { RELEASES } from '../src/releases.js';
import { renderEnvironments } from '../src/render/environment-manifests.js';
import { renderedObjects } from '../src/render/rendered-objects.js';

interface AppSpec {
  project: string;
  source: {
    repoURL: string;
    targetRevision: string;
    path?: string;
    chart?: string;
    helm?: { parameters?: { value: string }[] };
  };
  destination: { server: string; namespace: string };
  syncPolicy: { automated?: { prune?: boolean; selfHeal?: boolean } };
}
interface ProjectSpec {
  sourceRepos: string[];
  destinations: { server: string; namespace: string }[];
}

const all = renderedObjects(renderEnvironments(RELEASES));
const repositoryRoot = join(DEPLOY_DIR, '..');

describe.each(ENVIRONMENTS)('ArgoCD wiring of %s', (env) => {
  const root = all.filter((o) => o.environment === env && o.folder === APP_FOLDERS.root);
  const projects = new Map(
    root
      .filter((o) => o.object.kind === 'AppProject')
      .map((o) => [o.object.metadata.name, (o.object as unknown as { spec: ProjectSpec }).spec]),
  );
  const apps = root
    .filter((o) => o.object.kind === 'Application' || o.object.kind === 'ApplicationSet')
    .map((o) => {
      const spec =
        o.object.kind === 'Application'
          ? (o.object as unknown as { spec: AppSpec }).spec
          : (o.object as unknown as { spec: { template: { spec: AppSpec } } }).spec.template.spec;
      return {
        name: o.object.metadata.name,
        kind: o.object.kind,
        annotations: o.object.metadata.annotations ?? {},
        spec,
      };
    });

  it('renders its root folder exactly where the root Application looks (gitopsRootPath)', () => {
    expect(appPath(env, APP_FOLDERS.root)).toBe(gitopsRootPath(env));
    expect(root.length).toBeGreaterThan(0);
  });

  it('has every child allowed by its project: source repository and destination namespace', () => {
    expect(apps.length).toBeGreaterThan(4);
    for (const app of apps) {
      const project = projects.get(app.spec.project);
      expect(project, `${app.name}: project ${app.spec.project} is rendered`).toBeDefined();
      expect(project!.sourceRepos, `${app.name}: source allowed`).toContain(app.spec.source.repoURL);
      const namespaces = project!.destinations.map((d) => d.namespace);
      expect(namespaces, `${app.name}: destination ${app.spec.destination.namespace} allowed`).toContain(
        app.spec.destination.namespace,
      );
      expect(app.annotations['argocd.argoproj.io/sync-wave'], `${app.name}: has a sync wave`).toMatch(
        /^-?\d+$/,
      );
    }
  });

  it('syncs every custom resource in a later wave than the add-on that installs its CRD', () => {
    const crdProviders: Record<string, string> = {
      'external-secrets.io': 'external-secrets',
      'monitoring.coreos.com': 'kube-prometheus-stack',
      'postgresql.cnpg.io': 'cloudnative-pg',
    };
    const wave = (name: string) =>
      Number(apps.find((a) => a.name === name)?.annotations['argocd.argoproj.io/sync-wave']);
    const folders = all.filter((o) => o.environment === env && o.folder !== APP_FOLDERS.root);
    for (const { folder, object } of folders) {
      const provider = crdProviders[object.apiVersion.split('/')[0]!];
      if (!provider) continue;
      expect(
        wave(folder),
        `${object.kind} ${object.metadata.name} in ${folder} after ${provider}`,
      ).toBeGreaterThan(wave(provider));
    }
  });

  it('reads existing folders of this repository, and pins every chart to an exact version', () => {
    for (const app of apps) {
      if (app.spec.source.chart) {
        expect(app.spec.source.targetRevision, app.name).toMatch(/^\d+\.\d+\.\d+$/);
      } else {
        expect(app.spec.source.repoURL).toBe(REPOSITORY.url);
        expect(app.spec.source.path!.startsWith(`deploy/manifests/${env}/`)).toBe(true);
        expect(existsSync(join(repositoryRoot, app.spec.source.path!)), app.spec.source.path).toBe(true);
        expect(app.spec.source.path).not.toBe(gitopsRootPath(env));
      }
    }
  });

  it('templates only the cluster metadata infra/ writes, and only in ApplicationSets', () => {
    const keys = new Set<string>(Object.values(CLUSTER_METADATA));
    for (const app of apps) {
      for (const parameter of app.spec.source.helm?.parameters ?? []) {
        for (const [, key] of parameter.value.matchAll(
          /\{\{ index \.metadata\.annotations "([^"]+)" \}\}/g,
        )) {
          expect(app.kind, `${app.name} templates ${key}`).toBe('ApplicationSet');
          expect(keys, `${key} is a CLUSTER_METADATA key`).toContain(key);
        }
        expect(
          parameter.value.replaceAll(/\{\{ index \.metadata\.annotations "[^"]+" \}\}/g, ''),
        ).not.toContain('{{');
      }
    }
  });

  it(
    env === 'production'
      ? 'self-heals but never prunes on its own'
      : 'syncs automatically with prune and self-heal',
    () => {
      for (const app of apps) {
        expect(app.spec.syncPolicy.automated, app.name).toEqual({
          prune: env !== 'production',
          selfHeal: true,
        });
      }
    },
  );
});

describe('account-specific values stay out of git', () => {
  it('no VPC id, hosted zone id or certificate ARN is rendered', () => {
    const text = JSON.stringify(all.map((o) => o.object));
    expect(text).not.toMatch(/vpc-[0-9a-f]{8,}/);
    expect(text).not.toMatch(/arn:aws:acm:/);
    expect(text).not.toMatch(/Z0[A-Z0-9]{10,}/);
  });
});
