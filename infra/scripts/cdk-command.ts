/**
 * The one entry point for the CDK CLI, so every caller (developers, CI, the hosted pipelines) runs
 * it the same way: pinned CLI from node_modules, no telemetry, no notices, no version check, no
 * context lookups (everything the app needs is in cdk.json, so synth is offline and repeatable).
 *
 *   npm run synth -w @slipway/infra                  every stack of every environment, nag + guard
 *   npm run diff -w @slipway/infra -- <environment>   template diff of that environment's stacks
 *   npm run deploy -w @slipway/infra -- <environment> deploy that environment's stacks, in order
 *   npm run destroy -w @slipway/infra -- <environment> delete them (asks for confirmation)
 *
 * Extra arguments after the environment go to the CLI unchanged (e.g. `--fail` for diff).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { environmentNamed } from '../src/config/environment-config.js';
import { stackSelector } from '../src/config/naming.js';

const infraDir = dirname(dirname(fileURLToPath(import.meta.url)));
const cdkCli = join(dirname(createRequire(import.meta.url).resolve('aws-cdk/package.json')), 'bin', 'cdk');

const OFFLINE = ['--no-notices', '--no-lookups'];

export function cdkArguments(command: string, args: string[]): string[] {
  const [environment, ...rest] = args;
  switch (command) {
    case 'synth':
      return ['synth', '--quiet', ...OFFLINE, ...args];
    case 'diff':
      environmentNamed(environment);
      // Template diff: needs only read access (the pull-request role), no change set.
      return ['diff', stackSelector(environment!), '--method', 'template', ...OFFLINE, ...rest];
    case 'deploy':
      environmentNamed(environment);
      return [
        'deploy',
        stackSelector(environment!),
        '--require-approval',
        'never',
        '--concurrency',
        '2',
        ...OFFLINE,
        ...rest,
      ];
    case 'destroy':
      environmentNamed(environment);
      return ['destroy', stackSelector(environment!), ...OFFLINE, ...rest];
    default:
      throw new Error(`Unknown command ${JSON.stringify(command)}: use synth, diff, deploy or destroy.`);
  }
}

export const CDK_ENVIRONMENT = {
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
} as const;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command = '', ...args] = process.argv.slice(2);
  let cliArgs: string[];
  try {
    cliArgs = cdkArguments(command, args);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const result = spawnSync(process.execPath, [cdkCli, ...cliArgs], {
    cwd: infraDir,
    stdio: 'inherit',
    env: { ...process.env, ...CDK_ENVIRONMENT },
  });
  process.exit(result.status ?? 1);
}
