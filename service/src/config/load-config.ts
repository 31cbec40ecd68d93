import {
  type Config,
  type ConfigName,
  configSchema,
  describeSettings,
  SECRET_FILE_SUFFIX,
  SECRET_SETTINGS,
} from '@slipway/contract';
import { Value } from 'typebox/value';
import { ConfigError } from './config-error.js';
import { readSecretFile } from './secret-source.js';

type Environment = Record<string, string | undefined>;

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
    const setting = describeSettings().find((s) => s.name === name);
    const expected = setting?.allowed ? `must be one of ${setting.allowed.join(', ')}` : error.message;
    problems.set(name, `${name}: ${expected}${describeValue(name, candidate[name])}`);
  }
  return [...problems.values()];
}

function deployedProblems(config: Config): string[] {
  if (config.APP_ENV === 'local') return [];
  return describeSettings()
    .filter((s) => s.requiredWhenDeployed && config[s.name] === '')
    .map(
      (s) =>
        `${s.name}: required when APP_ENV=${config.APP_ENV} (set ${s.name} or ${s.name}${SECRET_FILE_SUFFIX})`,
    );
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

/**
 * Builds the configuration from environment variables (and `<SECRET>_FILE` files), applying
 * defaults. Throws a ConfigError listing every problem by variable name.
 */
const settingTypes = new Map(describeSettings().map((s) => [s.name as string, s.type]));

export function loadConfig(env: Environment = process.env): Config {
  const problems: string[] = [];
  const resolved = readSecretFiles(env, problems);
  const candidate: Record<string, unknown> = {};
  for (const name of Object.keys(configSchema.properties)) {
    const raw = resolved[name];
    // An empty variable means "not set" for non-string settings, so `PORT=` falls back to the default.
    if (raw !== undefined && !(raw === '' && settingTypes.get(name) !== 'string')) {
      candidate[name] = raw.trim();
    }
  }
  const converted = Value.Default(configSchema, Value.Convert(configSchema, candidate)) as Record<
    string,
    unknown
  >;
  // The cross-field checks only compare values, so they run even when a type check failed and the
  // one message lists everything that is wrong.
  const config = converted as Config;
  problems.push(...schemaProblems(converted), ...deployedProblems(config), ...crossFieldProblems(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
