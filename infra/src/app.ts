/**
 * Builds the CDK app: every stack of every AWS environment, with cdk-nag (AwsSolutions) and the
 * cfn-guard Control Tower rules run on each synth. A finding fails synthesis unless it is
 * acknowledged in code next to the resource, with its reason.
 */
import { fileURLToPath } from 'node:url';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AWS_ENVIRONMENTS, type AwsEnvironmentName } from '@slipway/contract';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ENVIRONMENTS } from './config/environment-config.js';
import { addEnvironmentStacks, type EnvironmentStacks } from './environment-stacks.js';

/** Local cfn-guard rules (see guard-rules/README.md). */
export const GUARD_RULES_DIR = fileURLToPath(new URL('../guard-rules', import.meta.url));

export interface InfraApp {
  app: App;
  stacks: Partial<Record<AwsEnvironmentName, EnvironmentStacks>>;
}

export function buildApp(
  props: AppProps = {},
  environments: readonly AwsEnvironmentName[] = AWS_ENVIRONMENTS,
): InfraApp {
  const app = new App(props);
  addPolicyChecks(app);
  const stacks: InfraApp['stacks'] = {};
  for (const name of environments) {
    const config = ENVIRONMENTS[name];
    stacks[name] = addEnvironmentStacks(app, config);
  }
  return { app, stacks };
}

/** cdk-nag AwsSolutions and cfn-guard (Control Tower rules + guard-rules/) on every synth of `app`. */
export function addPolicyChecks(app: App): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new CfnGuardValidator({
      // Replaced by a copy that also accepts subnet ids imported from the network stack.
      disabledRules: ['ct-lambda-pr-3'],
      rules: [GUARD_RULES_DIR],
    }),
  );
}
