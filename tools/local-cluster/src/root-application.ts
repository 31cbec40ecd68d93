/**
 * The root Application for the kind cluster: it syncs deploy/manifests/local/root (the AppProjects
 * and child Applications) at the given revision. A kustomize patch points the children that read
 * this repository at the same revision, so a pull request's e2e run deploys that pull request.
 */
import { gitopsRootPath, NAMESPACES, REPOSITORY, ROOT_APPLICATION } from '@slipway/contract';
import { IN_CLUSTER, REPOSITORY_SOURCE_LABEL } from '@slipway/deploy';

export interface RootApplicationOptions {
  repoURL: string;
  revision: string;
}

export function rootApplication({ repoURL, revision }: RootApplicationOptions) {
  const retarget = [
    { op: 'replace', path: '/spec/source/targetRevision', value: revision },
    { op: 'replace', path: '/spec/source/repoURL', value: repoURL },
  ];
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: ROOT_APPLICATION, namespace: NAMESPACES.argocd },
    spec: {
      project: 'default',
      source: {
        repoURL,
        targetRevision: revision,
        path: gitopsRootPath('local'),
        kustomize: {
          patches: [
            {
              target: {
                kind: 'Application',
                labelSelector: `${REPOSITORY_SOURCE_LABEL.key}=${REPOSITORY_SOURCE_LABEL.value}`,
              },
              patch: JSON.stringify(retarget),
            },
          ],
        },
      },
      destination: { server: IN_CLUSTER, namespace: NAMESPACES.argocd },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  };
}

export const DEFAULT_REPO_URL = REPOSITORY.url;
