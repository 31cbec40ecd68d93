/**
 * A kustomization.yaml for each rendered folder, listing exactly the files the renderer wrote
 * there, so `kubectl apply -k deploy/manifests/<env>/<folder>` applies that folder without any
 * TypeScript (and ArgoCD builds it with kustomize). Generated with the files, so it cannot go stale.
 */
import { stringify } from 'yaml';

export const KUSTOMIZATION_FILE = 'kustomization.yaml';

export function kustomization(header: string, resources: string[]): string {
  return (
    header +
    stringify({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: [...resources].sort(),
    })
  );
}
