import { describe, expect, it } from 'vitest';
import { npmScriptCalls, npxCalls } from '../src/npm-commands.js';
import { readRepoFile } from '../src/repository.js';
import { loadWorkflows } from '../src/workflow-files.js';

const ci = loadWorkflows().find((w) => w.file === 'ci.yml')!.workflow;
const jenkinsfile = readRepoFile('Jenkinsfile');
const ciSteps = Object.values(ci.jobs).flatMap((job) => job.steps ?? []);
const ciShell = ciSteps.flatMap((step) => (step.run ? [step.run] : [])).join('\n');

/** Shell continuations joined and whitespace collapsed, so a wrapped command compares equal. */
const normalise = (command: string) => command.replace(/\\\n/g, ' ').replace(/\s+/g, ' ').trim();
const commandsOf = (text: string) =>
  new Set([...npmScriptCalls(text), ...npxCalls(text)].map((call) => normalise(call.command)));

describe('Jenkinsfile', () => {
  it('has a stage for every step the ci workflow runs', () => {
    const stages = new Set([...jenkinsfile.matchAll(/stage\('([^']+)'\)/g)].map((m) => m[1]));
    const runSteps = ciSteps.filter((step) => step.run).map((step) => step.name);
    expect(runSteps.length).toBeGreaterThan(5);
    expect(runSteps.filter((name) => !stages.has(name!))).toEqual([]);
  });

  it('runs exactly the npm and npx commands of the ci workflow', () => {
    const expected = commandsOf(ciShell);
    expect(expected.size).toBeGreaterThan(5);
    // npm install of the Node version is Jenkins' own setup step (setup-node on GitHub).
    const jenkins = new Set(
      [...commandsOf(jenkinsfile)].filter((command) => !command.startsWith('npm install --prefix')),
    );
    expect(jenkins).toEqual(expected);
  });

  it('runs every job on the one supported Node version, read from .nvmrc like the ci workflow', () => {
    const setupNode = ciSteps.filter((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setupNode.length).toBeGreaterThan(0);
    for (const step of setupNode) expect(step.with).toMatchObject({ 'node-version-file': '.nvmrc' });
    const installs = [...jenkinsfile.matchAll(/npm install --prefix \S+ [^\n']*"node@([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(installs).toEqual(['$(cat .nvmrc)']);
  });

  it('checks the rendered manifests the same way', () => {
    const drift = ciSteps.find((step) => step.name === 'Rendered manifests are up to date')!.run!;
    for (const line of [
      'git diff --exit-code -- deploy/manifests',
      'git status --porcelain -- deploy/manifests',
    ]) {
      expect(drift).toContain(line);
      expect(jenkinsfile).toContain(line);
    }
  });
});
