/** The shared synth (scripts/cached-synth.ts) read through aws-cdk-lib's assertions. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { stackTemplate, synthesizedAssembly } from '../../scripts/cached-synth.js';
import type { EnvironmentConfig } from '../../src/config/environment-config.js';
import type { StackPart } from '../../src/config/naming.js';

export { INFRA_DIR, runCliSynth, SYNTH_TIMEOUT_MS, synthesizedAssembly } from '../../scripts/cached-synth.js';

export async function templateOf(env: EnvironmentConfig, part: StackPart): Promise<Template> {
  return Template.fromJSON(await stackTemplate(env, part), { skipCyclicalDependenciesCheck: true });
}

export async function validationReport(): Promise<ValidationReport> {
  const { outdir } = await synthesizedAssembly();
  return JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
}

export interface ValidationReport {
  pluginReports: {
    pluginName: string;
    summary?: { status?: string };
    violations: { ruleName: string; violatingConstructs?: { constructPath: string }[] }[];
    suppressedViolations?: unknown[];
  }[];
}
