import { parseArgs } from 'node:util';

/** What one smoke run checks and how patiently. */
export interface SmokeOptions {
  /** Public base URL of the environment, e.g. https://api.staging.example.com */
  baseUrl: URL;
  /** Bearer token for the user round trip (writes); empty when the environment leaves writes open. */
  token: string;
  /** Name of the environment variable the token came from (for messages). */
  tokenVariable: string;
  /** When set, wait until /version reports this commit before checking (a rollout in progress). */
  expectCommit?: string;
  /** How long to wait for readiness (and the expected commit) before the checks start. */
  waitSeconds: number;
  /** Fail when the TLS certificate expires in fewer days than this. */
  minCertificateDays: number;
  /** Timeout of each HTTP request. */
  requestTimeoutMs: number;
}

export const DEFAULT_TOKEN_VARIABLE = 'SMOKE_API_TOKEN';

export const USAGE = `usage: npm run smoke -- <url> [options]

Checks a deployed environment the way a user would and exits non-zero on any failure.

  <url>                       public base URL, e.g. https://api.staging.slipway.example.com
  --token-env NAME            environment variable holding the API bearer token (default ${DEFAULT_TOKEN_VARIABLE})
  --expect-commit SHA         wait until /version reports this commit (a rollout in progress)
  --wait SECONDS              how long to wait for /readyz (and the commit) first (default 0)
  --min-cert-days DAYS        fail when the TLS certificate expires sooner (default 14)
  --timeout-ms MS             timeout of each request (default 10000)
  -h, --help                  show this help`;

/** Bad command-line input: the message says what was wrong and what to pass instead. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function nonNegativeInteger(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(`${flag} must be a whole number ≥ 0 (got "${raw}")`);
  }
  return value;
}

/** Parses `argv` (without node and the script) and reads the token from `env`. */
export function parseSmokeOptions(argv: string[], env: NodeJS.ProcessEnv): SmokeOptions | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'the URL of the environment to check is missing'
        : `expected one URL, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const raw = positionals[0]!;
  let baseUrl: URL;
  try {
    baseUrl = new URL(raw);
  } catch {
    throw new UsageError(`"${raw}" is not a URL: pass the full base URL, e.g. https://api.example.com`);
  }
  if (baseUrl.protocol !== 'https:' && baseUrl.protocol !== 'http:') {
    throw new UsageError(`"${raw}" must be an http:// or https:// URL`);
  }
  if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname = `${baseUrl.pathname}/`;

  const tokenVariable = values['token-env'] ?? DEFAULT_TOKEN_VARIABLE;
  const commit = values['expect-commit'];
  if (commit !== undefined && !/^[0-9a-f]{7,40}$/.test(commit)) {
    throw new UsageError(`--expect-commit must be a git commit id (7–40 lower-case hex), got "${commit}"`);
  }
  return {
    baseUrl,
    token: env[tokenVariable] ?? '',
    tokenVariable,
    ...(commit === undefined ? {} : { expectCommit: commit }),
    waitSeconds: nonNegativeInteger('--wait', values.wait, 0),
    minCertificateDays: nonNegativeInteger('--min-cert-days', values['min-cert-days'], 14),
    requestTimeoutMs: nonNegativeInteger('--timeout-ms', values['timeout-ms'], 10_000) || 10_000,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'token-env': { type: 'string' },
      'expect-commit': { type: 'string' },
      wait: { type: 'string' },
      'min-cert-days': { type: 'string' },
      'timeout-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
