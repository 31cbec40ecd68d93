import type { HttpAnswer } from './http-client.js';
import { type CheckResult, fail, pass } from './smoke-check.js';

/** Half a year: the shortest HSTS max-age worth having (browsers forget sooner otherwise). */
export const MIN_HSTS_MAX_AGE_SECONDS = 15_552_000;

interface HeaderRule {
  header: string;
  /** Returns undefined when the value is acceptable, else what is wrong with it. */
  problem(value: string | null): string | undefined;
}

const present: HeaderRule['problem'] = (value) => (value ? undefined : 'missing');

const RULES: HeaderRule[] = [
  { header: 'content-security-policy', problem: present },
  {
    header: 'x-content-type-options',
    problem: (value) =>
      value?.toLowerCase() === 'nosniff' ? undefined : `expected "nosniff", got ${value ?? 'nothing'}`,
  },
  { header: 'x-frame-options', problem: present },
  {
    header: 'cache-control',
    problem: (value) =>
      value?.toLowerCase().includes('no-store')
        ? undefined
        : `expected "no-store", got ${value ?? 'nothing'}`,
  },
];

const HSTS_RULE: HeaderRule = {
  header: 'strict-transport-security',
  problem(value) {
    if (!value) return 'missing';
    const maxAge = /max-age=(\d+)/i.exec(value)?.[1];
    if (maxAge === undefined) return `no max-age in "${value}"`;
    return Number(maxAge) >= MIN_HSTS_MAX_AGE_SECONDS
      ? undefined
      : `max-age ${maxAge} s is below ${MIN_HSTS_MAX_AGE_SECONDS} s (half a year)`;
  },
};

/** Long values (a CSP) would drown the line; the first part shows which policy is in force. */
function abbreviate(value: string, max = 60): string {
  return value.length <= max ? value : `${value.slice(0, max)}…`;
}

/**
 * The headers the OWASP REST Security Cheat Sheet asks of an API. HSTS is required only over https: over
 * plain http a browser ignores it. `x-powered-by` must be absent: it advertises the stack.
 */
export function checkSecurityHeaders(answer: HttpAnswer, path: string, https: boolean): CheckResult[] {
  const rules = https ? [...RULES, HSTS_RULE] : RULES;
  const results = rules.map(({ header, problem }) => {
    const value = answer.headers.get(header);
    const issue = problem(value);
    const name = `header ${header} on ${path}`;
    return issue === undefined ? pass(name, abbreviate(value ?? '')) : fail(name, issue);
  });
  const poweredBy = answer.headers.get('x-powered-by');
  results.push(
    poweredBy === null
      ? pass(`no x-powered-by on ${path}`, 'absent')
      : fail(`no x-powered-by on ${path}`, `present: "${poweredBy}" tells attackers the stack`),
  );
  return results;
}
