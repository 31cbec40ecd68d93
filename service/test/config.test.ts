import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_DRAIN_SECONDS,
  describeSettings,
  EXIT_CODE_CONFIG_ERROR,
  HTTP_PORT,
  METRICS_PORT,
  MIN_SECRET_LENGTH,
} from '@slipway/contract';
import { describe, expect, it } from 'vitest';
import { renderEnvExample, withConfigTable } from '../src/config/config-docs.js';
import { ConfigError, loadConfig } from '../src/config/index.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('has working defaults: the service runs with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ APP_ENV: 'local', PORT: HTTP_PORT, METRICS_PORT, DATABASE_URL: '' });
  });

  it('converts types from environment strings', () => {
    const config = loadConfig({ PORT: '9000', DOCS_ENABLED: 'false', FAULT_ERROR_RATE: '0.25' });
    expect(config).toMatchObject({ PORT: 9000, DOCS_ENABLED: false, FAULT_ERROR_RATE: 0.25 });
  });

  it('lists every problem by variable name in one error', () => {
    const problems = problemsOf({
      PORT: '70000',
      LOG_LEVEL: 'loud',
      RATE_LIMIT_MAX: 'many',
      DATABASE_URL: 'mysql://x',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^PORT: must be <= 65535/),
      expect.stringMatching(/^LOG_LEVEL: must be one of fatal, error/),
      expect.stringMatching(/^RATE_LIMIT_MAX: /),
      expect.stringMatching(/^DATABASE_URL: must start with postgres:\/\//),
    ]);
  });

  it('requires the deployed settings outside local, naming each', () => {
    const problems = problemsOf({ APP_ENV: 'production' });
    const required = describeSettings()
      .filter((s) => s.requiredWhenDeployed)
      .map((s) => s.name);
    expect(required).toEqual(expect.arrayContaining(['DATABASE_URL', 'API_TOKENS', 'SECRET_KEY']));
    for (const name of required)
      expect(problems.join('\n')).toContain(`${name}: required when APP_ENV=production`);
  });

  it('reads secrets from <NAME>_FILE, trimming one trailing newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-config-'));
    const token = 'token-from-file-0123456789abcdef0123';
    writeFileSync(join(dir, 'tokens'), `${token}\n`);
    expect(loadConfig({ API_TOKENS_FILE: join(dir, 'tokens') }).API_TOKENS).toBe(token);
    expect(problemsOf({ API_TOKENS_FILE: join(dir, 'missing') })).toEqual([
      expect.stringMatching(/^API_TOKENS_FILE: cannot read .*missing \(ENOENT\)/),
    ]);
    expect(problemsOf({ API_TOKENS: 'a', API_TOKENS_FILE: join(dir, 'tokens') })[0]).toMatch(/not both/);
  });

  it('never echoes a secret value in a config error', () => {
    const problems = problemsOf({ DATABASE_URL: 'not a url with hunter2', DB_PASSWORD: 'x', PORT: 'abc' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('refuses API tokens and a SECRET_KEY shorter than 32 characters, in every environment, without echoing them', () => {
    const strong = 'x'.repeat(MIN_SECRET_LENGTH);
    for (const APP_ENV of ['local', 'production']) {
      const deployed: Record<string, string> =
        APP_ENV === 'production' ? { DATABASE_URL: 'postgres://db/slipway' } : {};
      const problems = problemsOf({
        APP_ENV,
        ...deployed,
        API_TOKENS: `${strong},short-tok`,
        SECRET_KEY: 'k3y',
      });
      expect(problems).toEqual([
        expect.stringMatching(
          /^API_TOKENS: every item must be at least 32 characters .*openssl rand -base64 32/,
        ),
        expect.stringMatching(
          /^SECRET_KEY: the value must be at least 32 characters .*openssl rand -base64 32/,
        ),
      ]);
      expect(problems.join('\n')).not.toMatch(/short-tok|k3y/);
    }
    // Empty keeps its local meaning (writes open, a per-process cursor key).
    expect(loadConfig({ API_TOKENS: '', SECRET_KEY: '' })).toMatchObject({ API_TOKENS: '', SECRET_KEY: '' });
    expect(loadConfig({ API_TOKENS: `${strong}, ${strong}y`, SECRET_KEY: strong }).SECRET_KEY).toBe(strong);
  });

  it('accepts enum and boolean values in any case, stored in their canonical spelling', () => {
    const config = loadConfig({
      LOG_LEVEL: 'INFO',
      APP_ENV: 'Local',
      SQLITE_SYNCHRONOUS: 'full',
      DATABASE_SSL: 'Disable',
      TRUST_PROXY: 'TRUE',
    });
    expect(config).toMatchObject({
      LOG_LEVEL: 'info',
      APP_ENV: 'local',
      SQLITE_SYNCHRONOUS: 'FULL',
      DATABASE_SSL: 'disable',
      TRUST_PROXY: true,
    });
    expect(problemsOf({ LOG_LEVEL: 'LOUD' })).toEqual([expect.stringMatching(/^LOG_LEVEL: must be one of/)]);
  });

  it('binds to loopback and skips the drain locally; deployed defaults are all interfaces and a 5 s drain', () => {
    expect(loadConfig({})).toMatchObject({
      HOST: '127.0.0.1',
      METRICS_HOST: '127.0.0.1',
      SHUTDOWN_DRAIN_SECONDS: 0,
    });
    const staging = loadConfig({
      APP_ENV: 'staging',
      DATABASE_URL: 'postgres://db/slipway',
      API_TOKENS: 'a'.repeat(MIN_SECRET_LENGTH),
      SECRET_KEY: 'b'.repeat(MIN_SECRET_LENGTH),
    });
    expect(staging).toMatchObject({
      HOST: '0.0.0.0',
      METRICS_HOST: '0.0.0.0',
      SHUTDOWN_DRAIN_SECONDS: DEFAULT_DRAIN_SECONDS,
    });
    // A value set explicitly always wins (the image and the manifests set HOST=0.0.0.0).
    expect(loadConfig({ HOST: '0.0.0.0', SHUTDOWN_DRAIN_SECONDS: '2' })).toMatchObject({
      HOST: '0.0.0.0',
      SHUTDOWN_DRAIN_SECONDS: 2,
    });
  });

  it('stops the real process with exit code 78 and one readable message', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: join(import.meta.dirname, '..'),
      env: { PATH: process.env.PATH, PORT: 'eighty', APP_ENV: 'staging', SECRET_KEY: 'weak-Qx7' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(EXIT_CODE_CONFIG_ERROR);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toMatch(/PORT: must be integer/);
    expect(result.stderr).toContain('API_TOKENS: required when APP_ENV=staging');
    expect(result.stderr).toContain('SECRET_KEY: the value must be at least 32 characters');
    expect(result.stderr).toContain('openssl rand -base64 32');
    expect(result.stderr).not.toContain('Qx7');
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('keeps .env.example and the README configuration table in step with the schema (npm run docs:config)', () => {
    const root = join(import.meta.dirname, '../..');
    expect(readFileSync(join(root, '.env.example'), 'utf8')).toBe(renderEnvExample());
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toBe(withConfigTable(readme));
  });
});
