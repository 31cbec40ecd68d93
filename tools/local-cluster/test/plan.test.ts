import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { SERVICE_IMAGE } from '@slipway/container';
import { gitopsRootPath, ROOT_APPLICATION } from '@slipway/contract';
import {
  APP_FOLDERS,
  localEnvironment,
  REPOSITORY_SOURCE_LABEL,
  TRAEFIK_WEB_NODE_PORT,
} from '@slipway/deploy';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLUSTER_NAME, kindConfig } from '../src/kind-config.js';
import { parseCliOptions } from '../src/options.js';
import { localImage, type UpOptions, upPlan } from '../src/plan.js';
import { rootApplication } from '../src/root-application.js';
import { ARGOCD_INSTALL_URL, KIND_NODE_IMAGE } from '../src/versions.js';

const options: UpOptions = {
  repoURL: 'https://github.com/example/slipway.git',
  revision: '0123456789abcdef0123456789abcdef01234567',
  engine: 'docker',
  builtImage: SERVICE_IMAGE,
  hostPort: 8080,
  clusterExists: false,
  wait: true,
};

describe('the kind cluster', () => {
  it('publishes the Traefik NodePort the local environment renders, on loopback only', () => {
    const config = parse(kindConfig(18080));
    expect(config.name).toBe(CLUSTER_NAME);
    expect(config.nodes.map((n: { role: string }) => n.role)).toEqual(['control-plane', 'worker']);
    expect(config.nodes[0].extraPortMappings).toEqual([
      { containerPort: TRAEFIK_WEB_NODE_PORT, hostPort: 18080, listenAddress: '127.0.0.1', protocol: 'TCP' },
    ]);
    for (const node of config.nodes) expect(node.image).toBe(KIND_NODE_IMAGE);
    expect(KIND_NODE_IMAGE).toMatch(/@sha256:[0-9a-f]{64}$/);
  });
});

describe('the root Application', () => {
  const root = rootApplication({ repoURL: options.repoURL, revision: options.revision });

  it('syncs the local root folder at the given revision and validates against the ArgoCD schema', () => {
    expect(root.metadata.name).toBe(ROOT_APPLICATION);
    expect(root.spec.source.path).toBe(gitopsRootPath('local'));
    expect(root.spec.source.targetRevision).toBe(options.revision);
    expect(() => new Application(root as never).validate()).not.toThrow();
  });

  it('retargets the children that read this repository to the same revision and repository', () => {
    const [patch] = root.spec.source.kustomize.patches;
    expect(patch?.target.labelSelector).toBe(
      `${REPOSITORY_SOURCE_LABEL.key}=${REPOSITORY_SOURCE_LABEL.value}`,
    );
    expect(JSON.parse(patch!.patch)).toEqual([
      { op: 'replace', path: '/spec/source/targetRevision', value: options.revision },
      { op: 'replace', path: '/spec/source/repoURL', value: options.repoURL },
    ]);
  });
});

describe('npm run cluster:local', () => {
  it('creates the cluster, loads the image, installs a pinned ArgoCD and applies the root Application', () => {
    const steps = upPlan(options);
    expect(steps.map((s) => s.command.slice(0, 3).join(' '))).toEqual([
      'kind create cluster',
      'kind load docker-image',
      ...Array(6).fill(`kubectl --context kind-${CLUSTER_NAME}`),
    ]);
    expect(steps[1]?.command).toContain(localImage());
    expect(steps[3]?.command).toContain(ARGOCD_INSTALL_URL);
    expect(ARGOCD_INSTALL_URL).toMatch(/\/v\d+\.\d+\.\d+\/manifests\/install\.yaml$/);
    expect(
      JSON.parse(steps[5]!.command.at(-1)!).data['resource.customizations.health.argoproj.io_Application'],
    ).toContain('obj.status.health.status');
    expect(parse(steps[6]!.input!)).toEqual(rootApplication(options));
    expect(steps[7]?.command).toContain(`application/${APP_FOLDERS.service}`);
  });

  it('loads exactly the image the local manifests run', () => {
    expect(localEnvironment.image.kind).toBe('tag');
    expect(localImage()).toBe(SERVICE_IMAGE);
  });

  it('reuses an existing cluster, retags another build and loads through an archive with podman', () => {
    const steps = upPlan({
      ...options,
      clusterExists: true,
      engine: 'podman',
      builtImage: 'localhost/other:dev',
      wait: false,
    });
    expect(steps[0]?.command).toEqual(['podman', 'tag', 'localhost/other:dev', localImage()]);
    expect(steps[1]?.command.join(' ')).toContain(
      `kind load image-archive "$archive" --name ${CLUSTER_NAME}`,
    );
    expect(steps[1]?.env).toEqual({ KIND_EXPERIMENTAL_PROVIDER: 'podman' });
    expect(steps.some((s) => s.command[0] === 'kind' && s.command[1] === 'create')).toBe(false);
    expect(steps.some((s) => s.title.startsWith('wait until'))).toBe(false);
  });

  it('rejects bad options with the usage line', () => {
    expect(() => parseCliOptions(['--port', 'eighty'])).toThrow(
      /--port must be a TCP port number \(got "eighty"\)/,
    );
    expect(() => parseCliOptions(['--colour'])).toThrow(/usage: npm run cluster:local/);
    expect(parseCliOptions(['--revision', 'main', '--wait'])).toMatchObject({
      revision: 'main',
      wait: true,
      hostPort: 8080,
    });
  });
});
