/** One environment seen through every layer: its rendered manifests and, on AWS, its templates. */
import { AWS_ENVIRONMENTS, type AwsEnvironmentName, type EnvironmentName } from '@slipway/contract';
import { type ChartRelease, chartReleases } from './chart-releases.js';
import { type InfraTemplates, infraTemplates } from './infra-templates.js';
import { type Manifest, renderedManifests } from './rendered-manifests.js';

export interface Layers {
  environment: EnvironmentName;
  manifests: Manifest[];
  releases: ChartRelease[];
  /** The synthesized AWS templates; absent for environments without an AWS side (kind). */
  infra: InfraTemplates | undefined;
}

export function isAwsEnvironment(environment: EnvironmentName): environment is AwsEnvironmentName {
  return (AWS_ENVIRONMENTS as readonly string[]).includes(environment);
}

export async function loadLayers(environment: EnvironmentName): Promise<Layers> {
  const manifests = renderedManifests(environment);
  return {
    environment,
    manifests,
    releases: chartReleases(manifests),
    infra: isAwsEnvironment(environment) ? await infraTemplates(environment) : undefined,
  };
}

/** The same layers with their manifests replaced (for checks on a deliberately broken copy). */
export function withManifests(layers: Layers, manifests: Manifest[]): Layers {
  return { ...layers, manifests, releases: chartReleases(manifests) };
}
