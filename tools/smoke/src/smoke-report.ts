import type { CheckResult } from './smoke-check.js';

/** `PASS  name — detail`: one line per check, greppable, readable in a CI log. */
export function formatResult(result: CheckResult): string {
  return `${result.ok ? 'PASS' : 'FAIL'}  ${result.name}${result.detail ? ` — ${result.detail}` : ''}`;
}

export function formatSummary(results: CheckResult[], target: URL): string {
  const failed = results.filter((r) => !r.ok).length;
  const verdict = failed === 0 ? 'healthy' : 'NOT healthy';
  return `${target.origin}${target.pathname} is ${verdict}: ${results.length - failed} of ${results.length} checks passed`;
}
