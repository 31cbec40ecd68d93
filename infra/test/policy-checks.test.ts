import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { addPolicyChecks } from '../src/app.js';
import { STACK_PARTS, stackName } from '../src/config/naming.js';
import { BOTH } from './support/environments.js';
import { SYNTH_TIMEOUT_MS, synthesizedAssembly, validationReport } from './support/synthesized-assembly.js';

// The first worker runs the real CLI synth (tens of seconds on 2 cores); the others wait for it.
beforeAll(() => synthesizedAssembly(), SYNTH_TIMEOUT_MS);

describe('cdk synth with cdk-nag and cfn-guard (the real CLI, offline)', () => {
  it('synthesizes every stack of both environments, with no context left to look up', async () => {
    const { outdir, cli } = await synthesizedAssembly();
    expect(cli.status === 0 || cli.status === null).toBe(true);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    const stacks = Object.keys(manifest.artifacts).filter(
      (id) => manifest.artifacts[id].type === 'aws:cloudformation:stack',
    );
    expect(stacks.sort()).toEqual(
      BOTH.flatMap(({ config }) => STACK_PARTS.map((p) => stackName(config, p))).sort(),
    );
    expect(manifest.missing ?? []).toEqual([]);
  });

  it('protects production stacks from deletion, not staging ones', async () => {
    const { outdir } = await synthesizedAssembly();
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    for (const { name, config } of BOTH) {
      for (const part of STACK_PARTS) {
        const artifact = manifest.artifacts[stackName(config, part)];
        expect(artifact.properties.terminationProtection ?? false, `${name} ${part}`).toBe(
          name === 'production',
        );
      }
    }
  });

  it('leaves no unacknowledged finding, and every acknowledgement has a reason', async () => {
    const report = await validationReport();
    const plugins = report.pluginReports.map((r) => r.pluginName);
    expect(plugins).toContain('cdk-validator-cfnguard');
    for (const plugin of report.pluginReports) {
      expect(plugin.violations.map((v) => `${plugin.pluginName}: ${v.ruleName}`)).toEqual([]);
      for (const suppressed of (plugin.suppressedViolations ?? []) as {
        ruleName: string;
        reason?: string;
      }[]) {
        if (plugin.pluginName === 'CloudFormation Validate') continue; // linter warnings, not acknowledgements
        expect(suppressed.reason, suppressed.ruleName).toMatch(/\w{3,}.{20,}/);
      }
    }
  });

  it('fails synthesis on a resource that breaks the rules (both checkers are wired in)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'slipway-infra-policy-'));
    onTestFinished(() => rmSync(outdir, { recursive: true, force: true }));
    const app = new App({ outdir });
    addPolicyChecks(app);
    const stack = new Stack(app, 'Bad', { env: { account: '111111111111', region: 'eu-west-1' } });
    new sqs.Queue(stack, 'PlainQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED, enforceSSL: false });
    let failure = '';
    try {
      app.synth();
    } catch (error) {
      failure = String(error);
    }
    expect(failure).toMatch(/AwsSolutions-SQS/);
    expect(failure).toMatch(/cdk-validator-cfnguard|CT\.SQS/);
  }, 120_000);
});
