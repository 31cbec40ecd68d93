import type { HttpAnswer, HttpRequest } from './http-client.js';
import type { SmokeOptions } from './smoke-options.js';

/** One line of the report: what was checked, whether it held, and what was seen. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

/** What every check gets: the options and a request function bound to the base URL. */
export interface SmokeContext {
  options: SmokeOptions;
  /** Resolves `path` (e.g. `/healthz`) against the base URL. */
  url(path: string): URL;
  request(url: URL, init?: HttpRequest): Promise<HttpAnswer>;
}

export const pass = (name: string, detail: string): CheckResult => ({ name, ok: true, detail });
export const fail = (name: string, detail: string): CheckResult => ({ name, ok: false, detail });
