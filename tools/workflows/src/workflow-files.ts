import { readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { readRepoFile, repoPath } from './repository.js';

export const WORKFLOWS_DIR = '.github/workflows';

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: string;
}

export interface Job {
  name?: string;
  'runs-on'?: unknown;
  'timeout-minutes'?: number;
  permissions?: Record<string, string> | string;
  environment?: string | { name: string; url?: string };
  needs?: string | string[];
  uses?: string;
  if?: string;
  strategy?: { matrix?: Record<string, unknown> };
  env?: Record<string, unknown>;
  steps?: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: { group?: string; 'cancel-in-progress'?: unknown } | string;
  env?: Record<string, unknown>;
  defaults?: unknown;
  jobs: Record<string, Job>;
}

export interface WorkflowFile {
  /** File name, e.g. ci.yml */
  file: string;
  /** Path from the repository root. */
  path: string;
  text: string;
  workflow: Workflow;
}

/** Every workflow under .github/workflows, parsed. */
export function loadWorkflows(): WorkflowFile[] {
  return readdirSync(repoPath(WORKFLOWS_DIR))
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => {
      const path = `${WORKFLOWS_DIR}/${file}`;
      const text = readRepoFile(path);
      return { file, path, text, workflow: parse(text) as Workflow };
    });
}

/** Every step of every job, with where it is. */
export function allSteps(workflows: WorkflowFile[]): { file: string; job: string; step: Step }[] {
  return workflows.flatMap(({ file, workflow }) =>
    Object.entries(workflow.jobs).flatMap(([job, definition]) =>
      (definition.steps ?? []).map((step) => ({ file, job, step })),
    ),
  );
}
