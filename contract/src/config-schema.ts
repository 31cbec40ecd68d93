/**
 * The service's configuration schema: every setting, its environment variable, type, default,
 * whether it is secret, and what it does. This is the single definition that the config loader
 * validates against and from which `.env.example`, the README's configuration table, the
 * Kubernetes ConfigMaps/Secrets and the deployment contract checks are generated.
 *
 * Conventions:
 * - `x-secret: true` — the value never appears in /config, logs or errors, and every secret can
 *   also be read from a file named by `<NAME>_FILE` (how Kubernetes mounts secrets).
 * - `x-required-when-deployed: true` — must be set when APP_ENV is staging or production; the
 *   service refuses to start otherwise and the manifest checks verify every environment sets it.
 * - `x-local-default` — the default when APP_ENV=local (a laptop); `default` applies everywhere
 *   else, and is what deploy/ renders into every environment's ConfigMap, kind's included.
 * - `x-list: true` — a comma-separated list (see `splitList`).
 * - `x-min-length` — a secret's shortest accepted value (each item, for a list); empty keeps its
 *   local meaning.
 */
import { type Static, type TSchema, Type } from 'typebox';
import { ENVIRONMENTS, type EnvironmentName } from './environments.js';
import {
  DEFAULT_DRAIN_SECONDS,
  DEFAULT_KEEP_ALIVE_TIMEOUT_SECONDS,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  DEFAULT_SHUTDOWN_TIMEOUT_SECONDS,
} from './lifecycle.js';
import { SERVICE_NAME } from './names.js';
import { HTTP_PORT, METRICS_PORT } from './network.js';

/** APP_ENV's values are the environments. */
export const APP_ENVIRONMENTS = ENVIRONMENTS;
export type AppEnvironment = EnvironmentName;

const port = (value: number, description: string) =>
  Type.Integer({ minimum: 1, maximum: 65535, default: value, description });
const seconds = (value: number, description: string, minimum = 0, extra: Record<string, unknown> = {}) =>
  Type.Integer({ minimum, maximum: 3600, default: value, description, ...extra });
const secret = (description: string, requiredWhenDeployed = false, extra: Record<string, unknown> = {}) =>
  Type.String({
    default: '',
    description,
    'x-secret': true,
    'x-required-when-deployed': requiredWhenDeployed,
    ...extra,
  });

/** Shortest API token or SECRET_KEY accepted: 32 characters, e.g. `openssl rand -base64 32` (44). */
export const MIN_SECRET_LENGTH = 32;

/** Loopback: only this machine can connect. The default bind address when APP_ENV=local. */
export const LOOPBACK_HOST = '127.0.0.1';

/** All interfaces: what a container or a pod needs. The default bind address when deployed. */
export const ALL_INTERFACES_HOST = '0.0.0.0';

export const configSchema = Type.Object({
  APP_ENV: Type.Enum([...APP_ENVIRONMENTS], {
    default: 'local',
    description: 'Which environment this is. staging and production require the settings marked "deployed".',
  }),
  HOST: Type.String({
    minLength: 1,
    default: ALL_INTERFACES_HOST,
    'x-local-default': LOOPBACK_HOST,
    description: 'Address the HTTP server binds to. Locally only this machine can connect unless it is set.',
  }),
  PORT: port(HTTP_PORT, 'Port of the public HTTP API.'),
  METRICS_HOST: Type.String({
    minLength: 1,
    default: ALL_INTERFACES_HOST,
    'x-local-default': LOOPBACK_HOST,
    description: 'Address the Prometheus metrics server binds to.',
  }),
  METRICS_PORT: port(METRICS_PORT, 'Port of the Prometheus metrics server; never routed by an ingress.'),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    default: 'info',
    description:
      'Minimum level of the log lines written to stdout: JSON, or human-readable when stdout is a terminal.',
  }),

  DATABASE_URL: Type.String({
    default: '',
    description:
      'PostgreSQL connection URL (postgres://user[:password]@host:port/db). Empty: use the SQLite file at SQLITE_PATH.',
    'x-secret': true,
    'x-required-when-deployed': true,
  }),
  DB_PASSWORD: secret('PostgreSQL password; when set it replaces the password inside DATABASE_URL.'),
  DATABASE_SSL: Type.Enum(['disable', 'require', 'verify-full'], {
    default: 'disable',
    description:
      'TLS to PostgreSQL: disable, require (encrypted, server not verified) or verify-full (needs DATABASE_CA_FILE).',
  }),
  DATABASE_CA_FILE: Type.String({
    default: '',
    description: 'PEM bundle that signs the PostgreSQL server certificate (for DATABASE_SSL=verify-full).',
  }),
  SQLITE_PATH: Type.String({
    minLength: 1,
    default: 'data/slipway.db',
    description: 'SQLite database file used when DATABASE_URL is empty; its folder is created if missing.',
  }),
  SQLITE_SYNCHRONOUS: Type.Enum(['NORMAL', 'FULL'], {
    default: 'NORMAL',
    description:
      'SQLite durability in WAL mode. NORMAL: a power loss can lose the last transactions, never corrupt the file. FULL: fsync every commit.',
  }),
  DB_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 10, description: 'PostgreSQL pool size.' }),
  DB_CONNECT_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 60000,
    default: 2000,
    description: 'Longest wait for a PostgreSQL connection before the request fails with 503.',
  }),
  DB_QUERY_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 60000,
    default: 2000,
    description: 'Longest a query may run before the request fails with 503.',
  }),
  MIGRATE_ON_START: Type.Boolean({
    default: true,
    description: 'Apply pending migrations at start. Kubernetes sets false and runs the migrate Job instead.',
  }),

  API_TOKENS: secret(
    `Comma-separated bearer tokens allowed to write users, each at least ${MIN_SECRET_LENGTH} characters (openssl rand -base64 32). Empty: writes are open (local only).`,
    true,
    { 'x-list': true, 'x-min-length': MIN_SECRET_LENGTH },
  ),
  SECRET_KEY: secret(
    `Key that signs pagination cursors, at least ${MIN_SECRET_LENGTH} characters (openssl rand -base64 32). Empty: a random key per process (local only).`,
    true,
    { 'x-min-length': MIN_SECRET_LENGTH },
  ),

  BODY_LIMIT_BYTES: Type.Integer({
    minimum: 256,
    maximum: 1048576,
    default: 16384,
    description: 'Largest request body accepted; larger bodies get 413.',
  }),
  RATE_LIMIT_MAX: Type.Integer({
    minimum: 0,
    default: 600,
    description: 'Requests per client address per window; 0 turns rate limiting off.',
  }),
  RATE_LIMIT_WINDOW_SECONDS: seconds(60, 'Length of the rate-limit window.', 1),
  HSTS_MAX_AGE_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 63072000,
    default: 0,
    description:
      'Send Strict-Transport-Security with this max-age. 0: not sent; set it only where this process terminates TLS, otherwise the ingress or load balancer sends it.',
  }),
  TRUST_PROXY: Type.Boolean({
    default: false,
    description: 'Trust X-Forwarded-* from a load balancer (client address for rate limits and logs).',
  }),
  REQUEST_TIMEOUT_SECONDS: seconds(
    DEFAULT_REQUEST_TIMEOUT_SECONDS,
    'Longest time to receive a whole request.',
    1,
  ),
  KEEP_ALIVE_TIMEOUT_SECONDS: seconds(
    DEFAULT_KEEP_ALIVE_TIMEOUT_SECONDS,
    'Idle keep-alive timeout; longer than the load balancer idle timeout (60 s on AWS ALB).',
    1,
  ),
  SHUTDOWN_DRAIN_SECONDS: seconds(
    DEFAULT_DRAIN_SECONDS,
    'After SIGTERM: seconds readiness reports 503 while the server still serves. Locally no load balancer needs the time, so Ctrl+C stops at once.',
    0,
    { 'x-local-default': 0 },
  ),
  SHUTDOWN_TIMEOUT_SECONDS: seconds(
    DEFAULT_SHUTDOWN_TIMEOUT_SECONDS,
    'After SIGTERM: the process exits by then, whatever is still running.',
    1,
  ),
  LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({
    minimum: 0,
    default: 1000,
    description: 'Answer 503 while the event loop delay exceeds this; 0 turns load shedding off.',
  }),
  DOCS_ENABLED: Type.Boolean({
    default: true,
    description: 'Serve the OpenAPI document at /openapi.json and Swagger UI at /docs.',
  }),

  FAULT_INJECTION_ENABLED: Type.Boolean({
    default: false,
    description: 'Turn on fault injection (for alert drills and tests; never in staging or production).',
  }),
  FAULT_ERROR_RATE: Type.Number({
    minimum: 0,
    maximum: 1,
    default: 0,
    description: 'Share of matching requests answered with 500 while fault injection is on.',
  }),
  FAULT_DELAY_MS: Type.Integer({
    minimum: 0,
    maximum: 60000,
    default: 0,
    description: 'Delay added to matching requests while fault injection is on.',
  }),
  FAULT_ROUTES: Type.String({
    default: '',
    'x-list': true,
    description:
      'Comma-separated route templates that faults apply to (e.g. /api/users/:id); empty: all /api routes.',
  }),

  OTEL_EXPORTER_OTLP_ENDPOINT: Type.String({
    default: '',
    description: 'OTLP/HTTP collector base URL (e.g. http://otel-collector:4318). Empty: tracing off.',
  }),
  OTEL_SERVICE_NAME: Type.String({
    minLength: 1,
    default: SERVICE_NAME,
    description: 'service.name on every span.',
  }),

  GIT_COMMIT: Type.String({
    default: 'unknown',
    description: 'Commit the build came from (set by the image build).',
  }),
  BUILD_TIME: Type.String({
    default: 'unknown',
    description: 'When the build ran, ISO 8601 (set by the image build).',
  }),
});

export type Config = Static<typeof configSchema>;
export type ConfigName = keyof Config;

export interface SettingDescription {
  name: ConfigName;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'enum';
  default: string | number | boolean;
  allowed?: readonly string[];
  /** The default when APP_ENV=local, where it differs from `default`. */
  localDefault?: string | number | boolean;
  /** A comma-separated list. */
  list: boolean;
  /** Shortest accepted value (of each item, for a list); secrets only. */
  minLength?: number;
  secret: boolean;
  requiredWhenDeployed: boolean;
  description: string;
}

function typeOf(schema: TSchema & Record<string, unknown>): SettingDescription['type'] {
  if (Array.isArray(schema.enum)) return 'enum';
  return schema.type as SettingDescription['type'];
}

/** Every setting as plain data, in schema order: for generated docs, manifests and checks. */
export function describeSettings(): SettingDescription[] {
  return Object.entries(configSchema.properties).map(([name, raw]) => {
    const schema = raw as unknown as TSchema & Record<string, unknown>;
    return {
      name: name as ConfigName,
      type: typeOf(schema),
      default: schema.default as string | number | boolean,
      ...(Array.isArray(schema.enum) ? { allowed: schema.enum as string[] } : {}),
      ...(schema['x-local-default'] !== undefined
        ? { localDefault: schema['x-local-default'] as string | number | boolean }
        : {}),
      list: schema['x-list'] === true,
      ...(typeof schema['x-min-length'] === 'number' ? { minLength: schema['x-min-length'] } : {}),
      secret: schema['x-secret'] === true,
      requiredWhenDeployed: schema['x-required-when-deployed'] === true,
      description: String(schema.description),
    };
  });
}

/** The names of the secret settings; each also accepts `<NAME>_FILE`. */
export const SECRET_SETTINGS: readonly ConfigName[] = describeSettings()
  .filter((s) => s.secret)
  .map((s) => s.name);

/** Suffix of the variable that names a file holding a secret's value. */
export const SECRET_FILE_SUFFIX = '_FILE';

/** The items of a comma-separated list setting: trimmed, empty items dropped. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
