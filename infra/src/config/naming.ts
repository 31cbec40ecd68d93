/** Stack names and cost-allocation tags, derived from the environment config so none is retyped. */
import { SERVICE_NAME } from '@slipway/contract';
import type { EnvironmentConfig } from './environment-config.js';

/** The stacks of one environment, in deploy order (each depends only on earlier ones). */
export const STACK_PARTS = [
  'network',
  'registry',
  'pipeline-access',
  'certificate',
  'cluster',
  'data',
] as const;
export type StackPart = (typeof STACK_PARTS)[number];

export function stackName(env: Pick<EnvironmentConfig, 'names'>, part: StackPart): string {
  return `${SERVICE_NAME}-${env.names.name}-${part}`;
}

/** Glob selecting every stack of one environment on the cdk command line. */
export function stackSelector(environment: string): string {
  return `${SERVICE_NAME}-${environment}-*`;
}

/** Tag keys every taggable resource carries (activate them as cost allocation tags in Billing). */
export const TAG_KEYS = {
  service: 'service',
  environment: 'environment',
  owner: 'owner',
  costCentre: 'cost-centre',
} as const;

export function tagsFor(env: EnvironmentConfig): Record<string, string> {
  return {
    [TAG_KEYS.service]: SERVICE_NAME,
    [TAG_KEYS.environment]: env.names.name,
    [TAG_KEYS.owner]: env.owner,
    [TAG_KEYS.costCentre]: env.costCentre,
  };
}
