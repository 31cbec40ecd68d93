import type { Exchange, RawResponse } from './raw-http.js';

/** Headers that differ from one response to the next by design. */
const PER_RESPONSE =
  /^(date|content-length|content-type|x-request-id|connection|keep-alive|transfer-encoding|(x-)?ratelimit-.*|retry-after|allow|location|www-authenticate)$/;

/** The headers every error response must carry unchanged (the security headers among them). */
export function stableHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_RESPONSE.test(name)));
}

const PROBLEM_KEYS = ['detail', 'instance', 'requestId', 'status', 'title', 'type'];
const USER_KEYS = ['createdAt', 'dni', 'id', 'name', 'updatedAt'];
// biome-ignore lint/suspicious/noControlCharactersInRegex: a stored name must hold none
const CONTROL = /[\u0000-\u001f\u007f]/;

/** What a stored or returned user must look like, whatever was sent. */
export function userViolations(user: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const keys = Object.keys(user).sort().join(',');
  if (keys !== USER_KEYS.join(',')) problems.push(`user keys ${keys}`);
  if (typeof user.dni !== 'string' || !/^[0-9A-Z-]{1,13}$/.test(user.dni))
    problems.push(`dni ${JSON.stringify(user.dni)}`);
  const name = user.name;
  // Characters as JSON Schema counts them: code points, not UTF-16 units.
  const length = typeof name === 'string' ? [...name].length : 0;
  if (typeof name !== 'string' || name !== name.trim() || length < 1 || length > 100 || CONTROL.test(name)) {
    problems.push(`name ${JSON.stringify(name).slice(0, 40)}`);
  }
  return problems;
}

/**
 * The contract every answer keeps, whatever the request: an answer at all (no hung or dropped
 * connection), never a 5xx, and every error is problem+json carrying the request id of its
 * x-request-id header and the same stable headers as the reference error response.
 */
export function contractViolations(method: string, result: Exchange, reference: RawResponse): string[] {
  if ('error' in result) return [result.error];
  const violations: string[] = [];
  if (result.status >= 500) violations.push(`HTTP ${result.status}`);
  if (result.status >= 400) {
    if (!/^application\/problem\+json/.test(result.headers['content-type'] ?? '')) {
      violations.push(`content-type ${result.headers['content-type'] ?? 'none'}`);
    }
    const requestId = result.headers['x-request-id'];
    if (requestId === undefined) violations.push('no x-request-id');
    const expected = stableHeaders(reference.headers);
    const actual = stableHeaders(result.headers);
    for (const name of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      if (expected[name] !== actual[name]) violations.push(`header ${name}: ${actual[name] ?? 'missing'}`);
    }
    if (method !== 'HEAD') {
      try {
        const body = JSON.parse(result.body) as Record<string, unknown>;
        const keys = Object.keys(body)
          .filter((k) => k !== 'errors')
          .sort()
          .join(',');
        if (keys !== PROBLEM_KEYS.join(',')) violations.push(`problem keys ${keys}`);
        if (body.status !== result.status) violations.push(`problem status ${body.status}`);
        if (body.requestId !== requestId) violations.push('requestId differs from x-request-id');
      } catch {
        violations.push(`body is not JSON: ${result.body.slice(0, 60)}`);
      }
    }
  }
  if (
    result.status >= 200 &&
    result.status < 300 &&
    ['POST', 'PUT', 'PATCH'].includes(method) &&
    result.body
  ) {
    try {
      violations.push(...userViolations(JSON.parse(result.body) as Record<string, unknown>));
    } catch {
      violations.push(`${result.status} body is not JSON`);
    }
  }
  return violations;
}
