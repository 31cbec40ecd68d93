/** Every rendered object with where it came from: the input of all checks. */
import type { AppFolder } from '../gitops/argocd.js';
import type { KubeObject } from '../render/environment-manifests.js';
import type { RenderedEnvironment } from '../render/manifest-files.js';

export interface RenderedObject {
  environment: string;
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

export function describeObject({ environment, object }: RenderedObject): string {
  const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return `${environment}: ${object.kind} ${ns}${object.metadata.name}`;
}
