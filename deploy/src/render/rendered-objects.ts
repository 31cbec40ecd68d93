/** Every rendered object with where it came from: what the waiver report lists and the checks read. */
import type { EnvironmentName } from '../environments/index.js';
import type { AppFolder } from '../gitops/argocd.js';
import type { KubeObject } from '../objects/kube-object.js';
import type { RenderedEnvironment } from './environment-manifests.js';

export interface RenderedObject {
  environment: EnvironmentName;
  folder: AppFolder;
  object: KubeObject;
}

export function renderedObjects(rendered: RenderedEnvironment[]): RenderedObject[] {
  return rendered.flatMap(({ name, manifests }) =>
    [...manifests].flatMap(([folder, objects]) =>
      objects.map((object) => ({ environment: name, folder, object })),
    ),
  );
}

/** `Kind namespace/name`, or `Kind name` for a cluster-scoped object. */
export function objectId(object: KubeObject): string {
  const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.kind} ${ns}${object.metadata.name}`;
}

export function describeObject({ environment, object }: RenderedObject): string {
  return `${environment}: ${objectId(object)}`;
}
