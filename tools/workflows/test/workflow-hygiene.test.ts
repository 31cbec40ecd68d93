import { describe, expect, it } from 'vitest';
import { actionReferences, FULL_SHA, VERSION_COMMENT } from '../src/action-references.js';
import { allSteps, loadWorkflows } from '../src/workflow-files.js';

const workflows = loadWorkflows();
const jobs = workflows.flatMap(({ file, workflow }) =>
  Object.entries(workflow.jobs).map(([name, job]) => ({ id: `${file}/${name}`, job })),
);

/**
 * Every write permission a job holds, and why. A new one is a reviewed change to this list.
 */
const WRITE_PERMISSIONS: Record<string, string[]> = {
  'image.yml/build': ['packages', 'id-token'], // push to GHCR; OIDC for AWS roles and cosign
  'promote.yml/staging': ['contents'], // commits the staging digest
  'promote.yml/production-pull-request': ['contents', 'pull-requests'], // branch + pull request
  'infra.yml/diff': ['id-token', 'pull-requests'], // read-only AWS role; the diff comment
  'infra.yml/deploy-staging': ['id-token'],
  'infra.yml/deploy-production': ['id-token'],
  'security.yml/codeql': ['security-events'],
  'security.yml/scorecard': ['security-events', 'id-token'],
};

/** Jobs that push to the repository, so their checkout keeps the token. */
const PUSHING_JOBS = new Set(['promote.yml/staging', 'promote.yml/production-pull-request']);

const EXPECTED_WORKFLOWS = ['ci', 'dev-stack', 'e2e-kind', 'image', 'infra', 'promote', 'security'];

describe('workflow hygiene', () => {
  it('has the seven pipelines, each named after its file', () => {
    expect(workflows.map((w) => w.workflow.name).sort()).toEqual(EXPECTED_WORKFLOWS);
    for (const { file, workflow } of workflows) expect(file).toBe(`${workflow.name}.yml`);
  });

  it('gives every workflow read-only contents by default', () => {
    for (const { file, workflow } of workflows) {
      expect(workflow.permissions, file).toEqual({ contents: 'read' });
    }
  });

  it('grants write permissions only per job, only those listed with a reason', () => {
    const granted = Object.fromEntries(
      jobs
        .map(({ id, job }): [string, string[]] => [
          id,
          Object.entries(typeof job.permissions === 'object' ? job.permissions : {})
            .filter(([, level]) => level === 'write')
            .map(([scope]) => scope)
            .sort(),
        ])
        .filter(([, scopes]) => scopes.length > 0),
    );
    const expected = Object.fromEntries(
      Object.entries(WRITE_PERMISSIONS).map(([id, scopes]) => [id, [...scopes].sort()]),
    );
    expect(granted).toEqual(expected);
    for (const { id, job } of jobs) {
      expect(
        job.permissions,
        `${id}: permissions as a string (read-all/write-all) are too broad`,
      ).not.toBeTypeOf('string');
    }
  });

  it('gives every job a timeout', () => {
    for (const { id, job } of jobs) {
      // A job that calls a reusable workflow takes the called jobs' timeouts.
      if (job.uses !== undefined) continue;
      expect(job['timeout-minutes'], id).toBeGreaterThan(0);
      expect(job['timeout-minutes'], id).toBeLessThanOrEqual(120);
    }
  });

  it('puts every workflow in a concurrency group', () => {
    for (const { file, workflow } of workflows) {
      const concurrency = workflow.concurrency;
      expect(typeof concurrency === 'object' ? concurrency.group : concurrency, file).toMatch(
        /\$\{\{ github\./,
      );
    }
  });

  it('pins every action to a full commit SHA with the release in a comment, the same SHA everywhere', () => {
    const shaByRepository = new Map<string, string>();
    const references = workflows.flatMap(({ file, text }) =>
      actionReferences(text).map((ref) => ({ file, ...ref })),
    );
    expect(references.length).toBeGreaterThan(20);
    for (const ref of references) {
      const where = `${ref.file}:${ref.line} ${ref.action}@${ref.ref}`;
      expect(ref.ref, where).toMatch(FULL_SHA);
      expect(ref.versionComment, `${where}: add the release as "# vX.Y.Z"`).toMatch(VERSION_COMMENT);
      const pinned = `${ref.ref} ${ref.versionComment}`;
      expect(
        shaByRepository.get(ref.repository) ?? pinned,
        `${where}: another file pins ${ref.repository} differently`,
      ).toBe(pinned);
      shaByRepository.set(ref.repository, pinned);
    }
    // Every `uses:` the YAML holds was seen by the line scan above (none hides in a flow mapping).
    const parsedUses = allSteps(workflows).filter(({ step }) => step.uses && !step.uses.startsWith('./'));
    expect(parsedUses.length).toBe(references.length);
  });

  it('never runs pull-request code with repository privileges', () => {
    for (const { file, workflow } of workflows) {
      expect(Object.keys(workflow.on), file).not.toContain('pull_request_target');
      if (!('workflow_run' in workflow.on)) continue;
      // workflow_run runs with write access: it acts on runs of main only and never checks out
      // what the triggering run was built from.
      expect((workflow.on.workflow_run as { branches?: string[] }).branches, file).toEqual(['main']);
      for (const { step } of allSteps([{ file, workflow } as never])) {
        if (step.uses?.startsWith('actions/checkout@'))
          expect(String(step.with?.ref ?? 'main'), file).toBe('main');
      }
    }
  });

  it('hands expressions to shell steps through env, never spliced into the script', () => {
    // An expression inside `run:` is pasted into the script before bash parses it: a branch name
    // or a title can then run commands. Through env it stays data.
    const spliced = allSteps(workflows)
      .filter(({ step }) => step.run?.includes('${{'))
      .map(({ file, job, step }) => `${file}/${job}: ${step.name ?? step.run}`);
    expect(spliced).toEqual([]);
  });

  it('keeps the checkout token out of the workspace except in jobs that push', () => {
    for (const { file, job, step } of allSteps(workflows)) {
      if (!step.uses?.startsWith('actions/checkout@')) continue;
      const id = `${file}/${job}`;
      expect(step.with?.['persist-credentials'], id).toBe(PUSHING_JOBS.has(id));
    }
  });

  it('keeps account ids out of the workflows (they come from repository variables)', () => {
    for (const { file, text } of workflows) {
      expect(text.match(/\b\d{12}\b/g) ?? [], file).toEqual([]);
    }
  });
});
