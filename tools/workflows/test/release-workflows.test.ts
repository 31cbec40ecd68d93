import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NAMESPACES, OBJECT_NAMES, SERVICE_NAME } from '@slipway/contract';
import { localEnvironment, promotionRequest, releasesFileText, UNRELEASED_DIGEST } from '@slipway/deploy';
import { cdkArguments } from '@slipway/infra/cdk-command';
import { CLUSTER_NAME, DEFAULT_HOST_PORT, parseCliOptions } from '@slipway/local-cluster';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../src/repository.js';
import { allSteps, loadWorkflows, type Step } from '../src/workflow-files.js';

const workflows = loadWorkflows();
const stepsOf = (file: string) => allSteps(workflows.filter((w) => w.file === file)).map(({ step }) => step);
const usesOf = (steps: Step[], action: string) => steps.filter((step) => step.uses?.startsWith(`${action}@`));
const STAGED = `sha256:${'ab'.repeat(32)}`;

describe('image workflow', () => {
  const steps = stepsOf('image.yml');
  const builds = usesOf(steps, 'docker/build-push-action');

  it('scans an image before anything is pushed and fails on fixable HIGH/CRITICAL findings', () => {
    const scan = usesOf(steps, 'aquasecurity/trivy-action')[0]!;
    const push = builds.find((step) => step.with?.push === true)!;
    expect(steps.indexOf(scan)).toBeLessThan(steps.indexOf(push));
    expect(scan.with).toMatchObject({ severity: 'HIGH,CRITICAL', 'ignore-unfixed': true, 'exit-code': '1' });
    expect(builds.find((step) => step.with?.load === true)?.with?.tags).toBe(scan.with?.['image-ref']);
  });

  it('pushes amd64 and arm64 with SBOM and provenance attestations, then signs the digest', () => {
    const push = builds.find((step) => step.with?.push === true)!;
    expect(push.with).toMatchObject({
      platforms: 'linux/amd64,linux/arm64',
      sbom: true,
      provenance: 'mode=max',
    });
    const sign = steps.find((step) => step.run?.includes('cosign sign'))!;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, not a template
    expect(sign.run).toContain('cosign sign --yes "${image}@${DIGEST}"');
    expect(sign.env?.DIGEST).toBe(`\${{ steps.${push.id ?? 'push'}.outputs.digest }}`);
  });

  it('passes only build arguments the Dockerfile declares', () => {
    const declared = new Set([...readRepoFile('Dockerfile').matchAll(/^ARG (\w+)/gm)].map((m) => m[1]));
    for (const build of builds) {
      const names = String(build.with?.['build-args'] ?? '')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('=')[0]!.trim());
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((name) => !declared.has(name))).toEqual([]);
      expect(build.with?.file).toBe('Dockerfile');
    }
  });
});

describe('promote workflow', () => {
  const steps = stepsOf('promote.yml');
  const promoteArguments = steps
    .flatMap((step) => [...(step.run ?? '').matchAll(/npm run promote -- ([^\n]+)/g)].map((m) => m[1]!))
    .map((args) => args.replaceAll('"$DIGEST"', STAGED).split(/\s+/));

  it('calls the promote command with arguments it accepts, for staging and for production', () => {
    const current = { staging: { digest: STAGED }, production: { digest: UNRELEASED_DIGEST } };
    const requests = promoteArguments.map((args) => promotionRequest(args, current));
    expect(requests.map(({ environment, digest }) => ({ environment, digest }))).toEqual([
      { environment: 'staging', digest: STAGED },
      { environment: 'production', digest: STAGED },
    ]);
  });

  it('reads the production digest out of releases.ts as the promote command writes it', () => {
    const lines = steps
      .map((step) => step.run ?? '')
      .flatMap((run) => run.split('\n'))
      .filter((l) => l.trim().startsWith('digest=$(grep'));
    expect(lines.length).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'slipway-releases-'));
    try {
      const file = join(dir, 'releases.ts');
      writeFileSync(
        file,
        releasesFileText({ staging: { digest: UNRELEASED_DIGEST }, production: { digest: STAGED } }),
      );
      for (const line of lines) {
        const script = `${line.trim().replace('deploy/src/releases.ts', file)}\nprintf %s "$digest"`;
        expect(execFileSync('bash', ['-euo', 'pipefail', '-c', script], { encoding: 'utf8' })).toBe(STAGED);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('commits only what the promote command changes', () => {
    const adds = steps.flatMap((step) =>
      [...(step.run ?? '').matchAll(/git add ([^\n]+)/g)].map((m) => m[1]),
    );
    expect(adds).toEqual([
      'deploy/src/releases.ts deploy/manifests',
      'deploy/src/releases.ts deploy/manifests',
    ]);
  });
});

describe('infra workflow', () => {
  const workflow = workflows.find((w) => w.file === 'infra.yml')!.workflow;

  it('passes the CDK command an environment it knows, for diff and for deploy', () => {
    const matrix = workflow.jobs.diff!.strategy!.matrix!.environment as string[];
    const calls = Object.entries(workflow.jobs).flatMap(([, job]) =>
      (job.steps ?? []).flatMap((step) =>
        [
          ...(step.run ?? '').matchAll(/npm run (?:--silent )?(diff|deploy) -w @slipway\/infra -- (\S+)/g),
        ].map(([, command, environment]) => ({
          command: command!,
          environment: environment!,
          env: step.env,
        })),
      ),
    );
    const resolved = calls.flatMap(({ command, environment, env }) =>
      environment === '"$ENVIRONMENT"'
        ? matrix.map((name) => ({ command, environment: name, from: String(env?.ENVIRONMENT) }))
        : [{ command, environment, from: environment }],
    );
    expect(resolved.map(({ command, environment }) => `${command} ${environment}`)).toEqual([
      'diff staging',
      'diff production',
      'deploy staging',
      'deploy production',
    ]);
    for (const { command, environment } of resolved) {
      expect(cdkArguments(command, [environment])[1]).toBe(`${SERVICE_NAME}-${environment}-*`);
    }
  });

  it('deploys production only after staging, from a job bound to the protected environment', () => {
    expect(workflow.jobs['deploy-production']).toMatchObject({
      needs: 'deploy-staging',
      environment: 'production',
    });
    expect(workflow.jobs['deploy-staging']).toMatchObject({ environment: 'staging' });
    expect(workflow.concurrency).toMatchObject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
    });
  });
});

describe('e2e-kind workflow', () => {
  const job = workflows.find((w) => w.file === 'e2e-kind.yml')!.workflow.jobs.kind!;
  const run = (name: string) => job.steps!.find((step) => step.name?.startsWith(name))!.run!;

  it('reaches the service where the local environment publishes it', () => {
    expect(job.env?.LOCAL_URL).toBe(`http://${localEnvironment.ingress.host}:${DEFAULT_HOST_PORT}`);
  });

  it('starts the local cluster with options the command accepts: this commit, this repository, waiting', () => {
    const args = /npm run cluster:local -- (.+)/
      .exec(run('Local cluster'))![1]!
      .replace('"$REPOSITORY_URL"', 'https://github.com/example/slipway.git')
      .replace('"$GITHUB_SHA"', 'a'.repeat(40))
      .split(' ');
    expect(parseCliOptions(args)).toEqual({
      repoURL: 'https://github.com/example/slipway.git',
      revision: 'a'.repeat(40),
      hostPort: DEFAULT_HOST_PORT,
      wait: true,
    });
  });

  it('reads the smoke token from the Secret the local environment deploys', () => {
    const smoke = run('Smoke test');
    expect(smoke).toContain(
      `--context kind-${CLUSTER_NAME} --namespace ${NAMESPACES.service} get secret ${OBJECT_NAMES.appSecret}`,
    );
    expect(smoke).toContain("jsonpath='{.data.API_TOKENS}'");
  });
});
