import { PATHS } from '@slipway/contract';
import { describeAnswer } from './http-client.js';
import { type CheckResult, fail, pass, type SmokeContext } from './smoke-check.js';

/** The build the environment says it runs, as /version reports it. */
export interface ReportedVersion {
  version?: string;
  commit?: string;
}

export function parseVersion(body: string): ReportedVersion | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed === null || typeof parsed !== 'object') return undefined;
    const { version, commit } = parsed as Record<string, unknown>;
    return {
      ...(typeof version === 'string' ? { version } : {}),
      ...(typeof commit === 'string' ? { commit } : {}),
    };
  } catch {
    return undefined;
  }
}

/** `/`, the probes and /version answer 200; /version says which build runs. */
export async function checkEndpoints(ctx: SmokeContext): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const path of [PATHS.root, PATHS.liveness, PATHS.readiness]) {
    const url = ctx.url(path);
    const answer = await ctx.request(url);
    const name = `GET ${path} answers 200`;
    results.push(
      answer.status === 200
        ? pass(name, describeAnswer('GET', url, answer))
        : fail(name, describeAnswer('GET', url, answer)),
    );
  }

  const url = ctx.url(PATHS.version);
  const answer = await ctx.request(url);
  const name = `GET ${PATHS.version} reports the build`;
  const reported = parseVersion(answer.body);
  if (answer.status !== 200 || (reported?.version === undefined && reported?.commit === undefined)) {
    results.push(
      fail(name, `${describeAnswer('GET', url, answer)}; expected 200 with JSON naming version and commit`),
    );
  } else {
    const expected = ctx.options.expectCommit;
    const build = `version ${reported.version ?? '?'}, commit ${reported.commit ?? '?'}`;
    if (expected !== undefined && !reported.commit?.startsWith(expected)) {
      results.push(fail(name, `${build}; expected commit ${expected}`));
    } else {
      results.push(pass(name, build));
    }
  }
  return results;
}
