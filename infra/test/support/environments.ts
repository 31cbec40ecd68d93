import { AWS_ENVIRONMENTS } from '@slipway/contract';
import { ENVIRONMENTS } from '../../src/config/environment-config.js';

/** Both AWS environments, as `describe.each` rows. */
export const BOTH = AWS_ENVIRONMENTS.map((name) => ({ name, config: ENVIRONMENTS[name] }));

/** A node of a synthesized CloudFormation template: plain JSON whose shape the assertions check. */
// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped by nature; tests assert its shape.
export type Json = any;

/** The resources of a given type in a template, as [logicalId, resource] pairs. */
export function resourcesOfType(
  template: import('aws-cdk-lib/assertions').Template,
  type: string,
): [string, { Properties: Record<string, Json>; DependsOn?: string[] }][] {
  return Object.entries(template.findResources(type)) as never;
}
