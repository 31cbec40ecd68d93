/** A finished HTTP exchange, body read as text. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
  elapsedMs: number;
}

export interface HttpRequest {
  method?: string;
  token?: string;
  json?: unknown;
}

/**
 * One request with a timeout. Redirects are not followed: a smoke test reports what the public
 * URL answers, not where it sends you. TLS is verified by Node's fetch (an invalid certificate
 * throws, and the error names the reason).
 */
export async function request(url: URL, timeoutMs: number, init: HttpRequest = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { accept: 'application/json, */*;q=0.5' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, elapsedMs: performance.now() - started };
}

/** The useful part of a fetch failure: undici hides the reason (refused, TLS, DNS) in `cause`. */
export function describeFetchError(error: unknown): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'no answer before the timeout';
  const cause = err.cause;
  const text =
    cause?.code || cause?.message ? [cause.code, cause.message].filter(Boolean).join(': ') : err.message;
  // OpenSSL appends its internal error queue on further lines; the first line says what failed.
  return text.split('\n')[0]!.trim();
}

/** `GET /x answered 503 (12 ms)` style summary of an answer. */
export function describeAnswer(method: string, url: URL, answer: HttpAnswer): string {
  return `${method} ${url.pathname} answered ${answer.status} (${Math.round(answer.elapsedMs)} ms)`;
}
