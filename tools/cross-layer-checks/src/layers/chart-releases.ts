/**
 * The Helm releases an environment installs: ArgoCD Applications and ApplicationSets with a chart
 * source, their values and the namespace they install into.
 */
import type { Json, Manifest } from './rendered-manifests.js';

export interface ChartRelease {
  /** The Application or ApplicationSet, for messages. */
  application: string;
  chart: string;
  version: string;
  repoURL: string;
  releaseName: string;
  namespace: string;
  values: Json;
  parameters: { name: string; value: string }[];
}

export function chartReleases(manifests: Manifest[]): ChartRelease[] {
  return manifests.flatMap((manifest) => {
    const spec =
      manifest.kind === 'Application'
        ? manifest.object.spec
        : manifest.kind === 'ApplicationSet'
          ? manifest.object.spec?.template?.spec
          : undefined;
    const source = spec?.source;
    if (!source?.chart) return [];
    return [
      {
        application: `${manifest.kind} ${manifest.name}`,
        chart: source.chart,
        version: source.targetRevision,
        repoURL: source.repoURL,
        releaseName: source.helm?.releaseName ?? manifest.name,
        namespace: spec.destination?.namespace,
        values: source.helm?.valuesObject ?? {},
        parameters: source.helm?.parameters ?? [],
      },
    ];
  });
}

/** A value at a dot path (`a.b.c`), or undefined. */
export function valueAt(values: Json, path: string): Json {
  return path
    .split('.')
    .reduce((node, key) => (node === undefined || node === null ? undefined : node[key]), values);
}
