/** The synthesized CloudFormation templates of an AWS environment (the real `cdk synth`, cached). */
import { AWS_ENVIRONMENT_NAMES, type AwsEnvironmentName } from '@slipway/contract';
import { type StackTemplateJson, stackTemplate } from '@slipway/infra/cached-synth';
import type { Json } from './rendered-manifests.js';

export interface InfraTemplates {
  network: StackTemplateJson;
  cluster: StackTemplateJson;
  data: StackTemplateJson;
}

export async function infraTemplates(environment: AwsEnvironmentName): Promise<InfraTemplates> {
  const env = { names: AWS_ENVIRONMENT_NAMES[environment] };
  const [network, cluster, data] = await Promise.all(
    (['network', 'cluster', 'data'] as const).map((part) => stackTemplate(env, part)),
  );
  return { network: network!, cluster: cluster!, data: data! };
}

export interface TemplateResource {
  stack: keyof InfraTemplates;
  id: string;
  properties: Json;
}

/** Every resource of a CloudFormation type across the environment's templates. */
export function resourcesOfType(templates: InfraTemplates, type: string): TemplateResource[] {
  return (Object.keys(templates) as (keyof InfraTemplates)[]).flatMap((stack) =>
    Object.entries(templates[stack].Resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([id, resource]) => ({ stack, id, properties: resource.Properties ?? {} })),
  );
}

/** The resource a `{ "Fn::GetAtt": [id, ...] }` or `{ "Ref": id }` points to, in the same stack. */
export function referenced(templates: InfraTemplates, stack: keyof InfraTemplates, reference: Json): Json {
  const id = reference?.['Fn::GetAtt']?.[0] ?? reference?.Ref;
  return id === undefined ? undefined : templates[stack].Resources[id];
}
