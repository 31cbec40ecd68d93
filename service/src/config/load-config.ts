import {
  type Config,
  type ConfigName,
  configSchema,
  describeSettings,
  MIN_SECRET_LENGTH,
  SECRET_FILE_SUFFIX,
  SECRET_SETTINGS,
  type SettingDescription,
  splitList,
} from '@slipway/contract';
import { Value } from 'typebox/value';
import { ConfigError } from './config-error.js';
import { readSecretFile } from './secret-source.js';

type Environment = Record<string, string | undefined>;

const settings = describeSettings();

/** Reads `<NAME>_FILE` for each secret; a value and a file for the same secret is an error. */
function readSecretFiles(env: Environment, problems: string[]): Environment {
  const resolved: Environment = { ...env };
  for (const name of SECRET_SETTINGS) {
    const fileVariable = `${name}${SECRET_FILE_SUFFIX}`;
    const path = env[fileVariable];
    if (path === undefined || path === '') continue;
    if (env[name] !== undefined && env[name] !== '') {
      problems.push(`${name}: set either ${name} or ${fileVariable}, not both`);
      continue;
    }
    try {
      resolved[name] = readSecretFile(path);
    } catch (error) {
      problems.push(
        `${fileVariable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  return resolved;
}

function describeValue(name: ConfigName, value: unknown): string {
  return SECRET_SETTINGS.includes(name) ? '' : ` (got ${JSON.stringify(value)})`;
}

function schemaProblems(candidate: Record<string, unknown>): string[] {
  const problems = new Map<string, string>();
  for (const error of Value.Errors(configSchema, candidate)) {
    const name = error.instancePath.replace(/^\//, '') as ConfigName;
    if (problems.has(name)) continue;
    const setting = settings.find((s) => s.name === name);
    const expected = setting?.allowed ? `must be one of ${setting.allowed.join(', ')}` : error.message;
    problems.set(name, `${name}: ${expected}${describeValue(name, candidate[name])}`);
  }
  return [...problems.values()];
}

function deployedProblems(config: Config): string[] {
  if (config.APP_ENV === 'local') return [];
  return settings
    .filter((s) => s.requiredWhenDeployed && config[s.name] === '')
    .map(
      (s) =>
        `${s.name}: required when APP_ENV=${config.APP_ENV} (set ${s.name} or ${s.name}${SECRET_FILE_SUFFIX})`,
    );
}

/** Short secrets are guessable: every token and key needs MIN_SECRET_LENGTH characters, in every
 * environment. The message says how to make a good one and never repeats the value. */
function weakSecretProblems(config: Config): string[] {
  const problems: string[] = [];
  for (const setting of settings) {
    const { name, minLength } = setting;
    if (minLength === undefined) continue;
    const values = setting.list ? splitList(String(config[name])) : [String(config[name])];
    if (values.every((value) => value === '' || value.length >= minLength)) continue;
    const what = setting.list ? 'every item' : 'the value';
    problems.push(
      `${name}: ${what} must be at least ${minLength} characters long; make one with \`openssl rand -base64 ${MIN_SECRET_LENGTH}\``,
    );
  }
  return problems;
}

function crossFieldProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.DATABASE_URL !== '') {
    try {
      const url = new URL(config.DATABASE_URL);
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
        problems.push('DATABASE_URL: must start with postgres:// or postgresql://');
      }
    } catch {
      problems.push(
        'DATABASE_URL: is not a valid URL (expected postgres://user:password@host:5432/database)',
      );
    }
  }
  if (config.DATABASE_SSL === 'verify-full' && config.DATABASE_CA_FILE === '') {
    problems.push('DATABASE_CA_FILE: required when DATABASE_SSL=verify-full');
  }
  if (config.SHUTDOWN_TIMEOUT_SECONDS <= config.SHUTDOWN_DRAIN_SECONDS) {
    problems.push('SHUTDOWN_TIMEOUT_SECONDS: must be greater than SHUTDOWN_DRAIN_SECONDS');
  }
  if (config.PORT === config.METRICS_PORT && config.PORT !== 0) {
    problems.push('METRICS_PORT: must differ from PORT');
  }
  return problems;
}

/** Operators write `LOG_LEVEL=INFO` and `TRUST_PROXY=TRUE`: enum and boolean values match in any case. */
function canonicalCase(setting: SettingDescription, value: string): string {
  if (setting.type === 'boolean') return value.toLowerCase();
  return setting.allowed?.find((allowed) => allowed.toLowerCase() === value.toLowerCase()) ?? value;
}

/** The raw text of each setting that is set, with local defaults filled in when APP_ENV=local. */
function candidateValues(resolved: Environment): Record<string, unknown> {
  const candidate: Record<string, unknown> = {};
  for (const setting of settings) {
    const raw = resolved[setting.name];
    // An empty variable means "not set" for non-string settings, so `PORT=` falls back to the default.
    if (raw !== undefined && !(raw === '' && setting.type !== 'string')) {
      candidate[setting.name] = canonicalCase(setting, raw.trim());
    }
  }
  const local = (candidate.APP_ENV ?? settings.find((s) => s.name === 'APP_ENV')?.default) === 'local';
  for (const setting of settings) {
    if (local && setting.localDefault !== undefined && candidate[setting.name] === undefined) {
      candidate[setting.name] = setting.localDefault;
    }
  }
  return candidate;
}

/**
 * Builds the configuration from environment variables (and `<SECRET>_FILE` files), applying
 * defaults. Throws a ConfigError listing every problem by variable name.
 */
export function loadConfig(env: Environment = process.env): Config {
  const problems: string[] = [];
  const resolved = readSecretFiles(env, problems);
  const candidate = candidateValues(resolved);
  const converted = Value.Default(configSchema, Value.Convert(configSchema, candidate)) as Record<
    string,
    unknown
  >;
  // The cross-field checks only compare values, so they run even when a type check failed and the
  // one message lists everything that is wrong.
  const config = converted as Config;
  problems.push(
    ...schemaProblems(converted),
    ...deployedProblems(config),
    ...weakSecretProblems(config),
    ...crossFieldProblems(config),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
