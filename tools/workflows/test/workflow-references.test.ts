import { AWS_ENVIRONMENT_NAMES, AWS_ENVIRONMENTS } from '@slipway/contract';
import { describe, expect, it } from 'vitest';
import {
  isDeclaredDependency,
  loadPackages,
  npmScriptCalls,
  npxCalls,
  packageOfBin,
  unresolvedScript,
} from '../src/npm-commands.js';
import { readRepoFile, repoPathExists } from '../src/repository.js';
import { allSteps, loadWorkflows } from '../src/workflow-files.js';

const workflows = loadWorkflows();
const steps = allSteps(workflows);
const packages = loadPackages();
const jenkinsfile = readRepoFile('Jenkinsfile');

/** Every shell text that runs in a pipeline: workflow `run:` steps and the Jenkinsfile. */
const shellTexts = [
  ...steps
    .filter(({ step }) => step.run)
    .map(({ file, job, step }) => ({ where: `${file}/${job}`, text: step.run! })),
  { where: 'Jenkinsfile', text: jenkinsfile },
];

/** Repository paths named in shell text: tokens under one of the top-level folders, or root files. */
const PATH_TOKEN =
  /(?<![\w/.$-])((?:\.github|\.ci|deploy|infra|observability|platform|service|tools|docs)\/[\w./-]*[\w-]|Dockerfile|Jenkinsfile)(?![\w/-])/g;

describe('what the pipelines call exists', () => {
  it('finds the npm scripts in the package.json they run in, following root scripts into workspaces', () => {
    const calls = shellTexts.flatMap(({ where, text }) =>
      npmScriptCalls(text).map((call) => ({ where, call })),
    );
    expect(calls.length).toBeGreaterThan(15);
    const problems = calls.flatMap(({ where, call }) =>
      unresolvedScript(call, packages).map((p) => `${where}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('runs npx only for tools a package.json declares', () => {
    const calls = shellTexts.flatMap(({ where, text }) => npxCalls(text).map((call) => ({ where, call })));
    expect(calls.length).toBeGreaterThan(0);
    for (const { where, call } of calls) {
      const pkg = packageOfBin(call.bin);
      expect(pkg, `${where}: "${call.command}" — no installed package provides ${call.bin}`).toBeDefined();
      expect(
        isDeclaredDependency(pkg!, packages),
        `${where}: ${pkg} is not declared in any package.json`,
      ).toBe(true);
    }
  });

  it('reads only paths that exist', () => {
    const named = new Set<string>();
    for (const { text } of shellTexts) for (const match of text.matchAll(PATH_TOKEN)) named.add(match[1]!);
    for (const { step } of steps) {
      for (const key of ['file', 'context'] as const) {
        const value = step.with?.[key];
        if (typeof value === 'string' && !value.includes('${{')) named.add(value);
      }
    }
    for (const { workflow } of workflows) {
      for (const trigger of Object.values(workflow.on)) {
        for (const path of (trigger as { paths?: string[] } | null)?.paths ?? []) {
          // A glob's fixed prefix must exist: `service/**` needs service/.
          named.add(path.split('*')[0]!.replace(/\/$/, '') || '.');
        }
      }
      for (const job of Object.values(workflow.jobs))
        if (job.uses?.startsWith('./')) named.add(job.uses.slice(2));
    }
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((path) => !repoPathExists(path))).toEqual([]);
  });
});

describe('AWS and environment facts in the workflows match @slipway/contract', () => {
  const environments = AWS_ENVIRONMENTS.map((name) => AWS_ENVIRONMENT_NAMES[name]);

  it('uses the region and ECR repository of every AWS environment', () => {
    const regions = new Set(environments.map((e) => e.region));
    const repositories = new Set(environments.map((e) => e.ecrRepository));
    expect(regions.size, 'one AWS_REGION per workflow assumes both environments share a region').toBe(1);
    for (const { file, workflow } of workflows) {
      if (workflow.env?.AWS_REGION !== undefined) expect(workflow.env.AWS_REGION, file).toBe([...regions][0]);
      if (workflow.env?.ECR_REPOSITORY !== undefined)
        expect(workflow.env.ECR_REPOSITORY, file).toBe([...repositories][0]);
    }
    expect(workflows.filter((w) => w.workflow.env?.AWS_REGION !== undefined).map((w) => w.file)).toEqual([
      'image.yml',
      'infra.yml',
    ]);
  });

  it('smoke-tests each environment at its public hostname', () => {
    const promote = workflows.find((w) => w.file === 'promote.yml')!.workflow;
    expect(promote.env?.STAGING_URL).toBe(`https://${AWS_ENVIRONMENT_NAMES.staging.hostname}`);
    expect(promote.env?.PRODUCTION_URL).toBe(`https://${AWS_ENVIRONMENT_NAMES.production.hostname}`);
  });

  it('assumes the pipeline roles infra/ creates, each in the account of its environment', () => {
    const suffixes = [
      ...readRepoFile('infra/src/stacks/pipeline-access-stack.ts').matchAll(
        /roleName: `\$\{names\.clusterName\}(-[a-z-]+)`/g,
      ),
    ].map((match) => match[1]!);
    expect(suffixes.length, 'infra/src/stacks/pipeline-access-stack.ts names no roles').toBeGreaterThan(0);
    const roleEnvironment = new Map(
      AWS_ENVIRONMENTS.flatMap((env) =>
        suffixes.map((suffix) => [`${AWS_ENVIRONMENT_NAMES[env].clusterName}${suffix}`, env] as const),
      ),
    );
    const assumed = workflows.flatMap(({ file, text }): { file: string; account?: string; role: string }[] =>
      [
        ...text
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
          .replaceAll('${{ matrix.environment }}', '{matrix.environment}')
          .matchAll(/arn:aws:iam::(\$\{\{[^}]+\}\}):role\/(\S+)/g),
      ].flatMap(([, account, role]): { file: string; account?: string; role: string }[] =>
        role!.includes('{matrix.environment}')
          ? AWS_ENVIRONMENTS.map((env) => ({
              file,
              role: role!.replace('{matrix.environment}', env),
            }))
          : [{ file, account: account!, role: role! }],
      ),
    );
    expect(assumed.length).toBeGreaterThanOrEqual(5);
    for (const { file, account, role } of assumed) {
      const environment = roleEnvironment.get(role);
      expect(
        environment,
        `${file}: ${role} is not a role infra/ creates (${[...roleEnvironment.keys()].join(', ')})`,
      ).toBeDefined();
      if (account !== undefined)
        expect(account, `${file}: ${role}`).toContain(`vars.${environment!.toUpperCase()}_AWS_ACCOUNT_ID`);
    }
  });
});
