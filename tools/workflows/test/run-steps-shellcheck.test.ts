import { spawnSync } from 'node:child_process';
import { describeWithTool, toolAvailable } from '@slipway/testing';
import { expect, it } from 'vitest';
import { allSteps, loadWorkflows } from '../src/workflow-files.js';

const runSteps = allSteps(loadWorkflows()).filter(({ step }) => step.run);

/**
 * GitHub runs `run:` with bash on Linux runners. Expressions are substituted before bash sees
 * the script, so each `${{ … }}` becomes a plain word here.
 */
function shellcheck(script: string): string {
  const result = spawnSync('shellcheck', ['--shell=bash', '--severity=warning', '--format=gcc', '-'], {
    input: script.replace(/\$\{\{[^}]*\}\}/g, 'EXPRESSION'),
    encoding: 'utf8',
  });
  return result.stdout.trim();
}

describeWithTool(
  'run steps pass shellcheck',
  { available: toolAvailable('shellcheck', ['--version']), reason: 'shellcheck is not installed' },
  () => {
    it.each(
      runSteps.map(({ file, job, step }) => [
        `${file}/${job}: ${step.name ?? step.run!.split('\n')[0]}`,
        step.run!,
      ]),
    )('%s', (_where, script) => {
      expect(shellcheck(script)).toBe('');
    });

    it('would report a broken script', () => {
      expect(shellcheck('if [ -n "$x" ]; then\n  echo yes\n')).not.toBe('');
    });
  },
);
