import { describe, expect, it } from 'vitest';
import { formatLintResult, lintWorkflow } from '../src/actionlint-runner.js';
import { loadWorkflows } from '../src/workflow-files.js';

const workflows = loadWorkflows();

describe('actionlint', () => {
  it.each(workflows.map((w) => [w.file, w] as const))(
    'finds nothing wrong in %s',
    async (_file, { path, text }) => {
      const findings = await lintWorkflow(text, path);
      expect(findings.map(formatLintResult)).toEqual([]);
    },
  );

  it('still reports real mistakes, including other undefined contexts', async () => {
    const workflow = (step: string) =>
      [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    timeout-minutes: 5',
        '    steps:',
        step,
      ].join('\n');

    const misspelled = await lintWorkflow(
      workflow('      - run: make\n        wokring-directory: service'),
      'a.yml',
    );
    const contexts = await lintWorkflow(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions expressions, not a template
      workflow('      - run: echo "${{ vars.REGION }}"\n      - run: echo "${{ varz.REGION }}"'),
      'b.yml',
    );

    expect(misspelled.map((r) => r.message)).toEqual([
      expect.stringMatching(/^unexpected key "wokring-directory"/),
    ]);
    expect(contexts.map((r) => r.message)).toEqual([expect.stringMatching(/^undefined variable "varz"/)]);
  });
});
