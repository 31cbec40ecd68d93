/**
 * What `npm run cluster:local` does, as a list of commands: pure, so the unit tests check it
 * offline, and `up` only executes it.
 */

import { NAMESPACES } from '@slipway/contract';
import { APP_FOLDERS, localEnvironment } from '@slipway/deploy';
import { stringify } from 'yaml';
import { argocdConfigPatch } from './argocd-config.js';
import { CLUSTER_NAME, kindConfig } from './kind-config.js';
import { rootApplication } from './root-application.js';
import { ARGOCD_INSTALL_URL } from './versions.js';

export interface UpOptions {
  repoURL: string;
  revision: string;
  engine: 'docker' | 'podman';
  /** The image the container library built (e.g. localhost/slipway:local). */
  builtImage: string;
  hostPort: number;
  /** Whether the kind cluster already exists (then it is reused). */
  clusterExists: boolean;
  /** Wait until the service's Application is Healthy. */
  wait: boolean;
}

export interface Step {
  title: string;
  command: string[];
  /** Standard input for the command (a YAML document). */
  input?: string;
  /** Extra environment variables for the command. */
  env?: Record<string, string>;
}

/** The image reference the local manifests run (kind loads it; nothing is pulled). */
export function localImage(): string {
  const { image } = localEnvironment;
  if (image.kind !== 'tag') throw new Error('the local environment must run a loaded tag');
  return `${image.repository}:${image.tag}`;
}

export function upPlan(options: UpOptions): Step[] {
  const image = localImage();
  const kubectl = (...args: string[]) => ['kubectl', '--context', `kind-${CLUSTER_NAME}`, ...args];
  const steps: Step[] = [];
  // kind drives podman only when told to (its podman provider is marked experimental).
  const kindEnv = options.engine === 'podman' ? { env: { KIND_EXPERIMENTAL_PROVIDER: 'podman' } } : {};
  if (!options.clusterExists) {
    steps.push({
      title: `create the kind cluster "${CLUSTER_NAME}"`,
      command: ['kind', 'create', 'cluster', '--name', CLUSTER_NAME, '--config', '-', '--wait', '120s'],
      input: kindConfig(options.hostPort),
      ...kindEnv,
    });
  }
  if (options.builtImage !== image) {
    steps.push({
      title: `tag the image as ${image}`,
      command: [options.engine, 'tag', options.builtImage, image],
    });
  }
  steps.push(
    options.engine === 'docker'
      ? {
          title: 'load the image into kind',
          command: ['kind', 'load', 'docker-image', image, '--name', CLUSTER_NAME],
        }
      : {
          title: 'load the image into kind (podman: through an archive)',
          command: [
            'sh',
            '-c',
            `archive=$(mktemp) && podman save --format docker-archive --output "$archive" "${image}" && kind load image-archive "$archive" --name ${CLUSTER_NAME}; status=$?; rm -f "$archive"; exit $status`,
          ],
          ...kindEnv,
        },
  );
  steps.push(
    {
      title: 'create the argocd namespace',
      command: kubectl('apply', '-f', '-'),
      input: stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACES.argocd } }),
    },
    {
      title: 'install ArgoCD',
      command: kubectl(
        'apply',
        '--namespace',
        NAMESPACES.argocd,
        '--server-side',
        '--force-conflicts',
        '-f',
        ARGOCD_INSTALL_URL,
      ),
    },
    {
      title: 'wait for ArgoCD',
      command: kubectl(
        'wait',
        '--namespace',
        NAMESPACES.argocd,
        '--for=condition=Available',
        'deployment',
        '--all',
        '--timeout=300s',
      ),
    },
    {
      title: 'let sync waves wait for child Applications to be healthy',
      command: kubectl(
        'patch',
        'configmap',
        'argocd-cm',
        '--namespace',
        NAMESPACES.argocd,
        '--type',
        'merge',
        '--patch',
        argocdConfigPatch(),
      ),
    },
    {
      title: `point ArgoCD at the local environment (${options.revision})`,
      command: kubectl('apply', '-f', '-'),
      input: stringify(rootApplication({ repoURL: options.repoURL, revision: options.revision })),
    },
  );
  if (options.wait) {
    steps.push({
      title: 'wait until the service is synced and healthy',
      command: kubectl(
        'wait',
        '--namespace',
        NAMESPACES.argocd,
        `application/${APP_FOLDERS.service}`,
        '--for=jsonpath={.status.health.status}=Healthy',
        '--timeout=900s',
      ),
    });
  }
  return steps;
}
