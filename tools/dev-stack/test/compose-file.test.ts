/**
 * compose.yaml: valid Compose, run hardened, on loopback, with an environment the service's
 * configuration contract accepts, mounting only what the generator writes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hardenedRunOptions, SERVICE_IMAGE } from '@slipway/container';
import {
  CONTAINER,
  DATABASE_NAME,
  DATABASE_USERNAME,
  HTTP_PORT,
  METRICS_PORT,
  OTLP_HTTP_PORT,
  POSTGRES_PORT,
  SECRET_FILE_SUFFIX,
  SECRET_SETTINGS,
} from '@slipway/contract';
import { loadConfig } from '@slipway/service/config';
import { DCLinter } from 'dclint';
import { afterAll, describe, expect, it } from 'vitest';
import { composeEnvironmentProblems } from '../src/compose-environment.js';
import { publishedPort, readComposeFile } from '../src/compose-file.js';
import { COMPOSE_FILE, STACK_FILES_COMPOSE_PATH } from '../src/paths.js';
import { DASHBOARDS_CONTAINER_PATH } from '../src/stack-files/grafana-provisioning.js';
import { writeStackFiles } from '../src/stack-files/write-stack-files.js';

const compose = readComposeFile();
const service = compose.services.slipway!;
const environment = service.environment ?? {};
const scratch = mkdtempSync(join(tmpdir(), 'slipway-compose-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Correctness rules on, ordering and quoting style off. */
const LINT_RULES = {
  'no-build-and-image': 2,
  'no-duplicate-container-names': 2,
  'no-duplicate-exported-ports': 2,
  'no-unbound-port-interfaces': 2,
  'no-version-field': 2,
  'require-project-name-field': 2,
  'service-image-require-explicit-tag': 2,
  'no-quotes-in-volumes': 0,
  'require-quotes-in-ports': 0,
  'service-container-name-regex': 0,
  'service-dependencies-alphabetical-order': 0,
  'service-keys-order': 0,
  'service-ports-alphabetical-order': 0,
  'services-alphabetical-order': 0,
  'top-level-properties-order': 0,
} as const;

function lint(path: string) {
  const linter = new DCLinter({ rules: LINT_RULES, quiet: true, debug: false, exclude: [] });
  return linter.lintFiles([path], false)[0]!;
}

describe('compose.yaml', () => {
  it('is valid against the Compose Specification and dclint correctness rules', () => {
    const result = lint(COMPOSE_FILE);
    expect(result.messages.filter((m: { type: string }) => m.type === 'error')).toEqual([]);
    expect(result.errorCount).toBe(0);
  });

  it('would fail that check for an invalid file', () => {
    const path = join(scratch, 'broken.yaml');
    writeFileSync(
      path,
      'name: x\nservices:\n  web:\n    image: nginx\n    restart: sometimes\n    portz: ["80:80"]\n',
    );
    expect(lint(path).errorCount).toBeGreaterThan(0);
  });

  it('gives the service an environment its configuration contract accepts, checked setting by setting', () => {
    expect(composeEnvironmentProblems(environment)).toEqual([]);
    expect(
      composeEnvironmentProblems({ ...environment, DATABSE_URL: 'x', PORT: 'eighty', API_TOKENS: 'literal' }),
    ).toEqual([
      "DATABSE_URL: not a setting of the service's configuration schema (misspelled?)",
      expect.stringMatching(/^PORT="eighty" does not match the configuration schema/),
      'API_TOKENS: a secret as a literal; mount it as a compose secret and set API_TOKENS_FILE',
    ]);
  });

  it("is accepted whole by the service's own configuration loader, secrets read from their mounted files", () => {
    const secretsDir = join(scratch, 'loader');
    writeStackFiles(secretsDir, {});
    const variables = { ...environment };
    for (const [name, value] of Object.entries(variables)) {
      const mounted = /^\/run\/secrets\/(.+)$/.exec(value);
      if (mounted) variables[name] = join(secretsDir, 'secrets', mounted[1]!);
    }
    const config = loadConfig(variables);
    expect(config.APP_ENV).toBe('local');
    expect(config.PORT).toBe(HTTP_PORT);
    expect(config.METRICS_PORT).toBe(METRICS_PORT);
    expect(config.DB_PASSWORD).not.toBe('');
    expect(config.API_TOKENS).not.toBe('');
    expect(config.SECRET_KEY).not.toBe('');
    const database = new URL(config.DATABASE_URL);
    expect(compose.services[database.hostname], 'DATABASE_URL names a compose service').toBeDefined();
    expect([Number(database.port), database.pathname.slice(1), database.username]).toEqual([
      POSTGRES_PORT,
      DATABASE_NAME,
      DATABASE_USERNAME,
    ]);
    const collector = new URL(config.OTEL_EXPORTER_OTLP_ENDPOINT);
    expect(compose.services[collector.hostname]).toBeDefined();
    expect(Number(collector.port)).toBe(OTLP_HTTP_PORT);
  });

  it('passes every secret setting as a mounted compose secret file, never as a value', () => {
    const mounted = new Set(service.secrets);
    expect(Object.keys(environment).filter((name) => name.endsWith(SECRET_FILE_SUFFIX)).length).toBe(4);
    for (const setting of SECRET_SETTINGS) {
      expect(environment[setting], setting).toBeUndefined();
      const file = environment[`${setting}${SECRET_FILE_SUFFIX}`];
      if (file === undefined) continue;
      const name = /^\/run\/secrets\/(.+)$/.exec(file)?.[1];
      expect(name && mounted.has(name), `${setting}_FILE=${file} is a secret of the service`).toBe(true);
      expect(compose.secrets?.[name!]?.file).toMatch(new RegExp(`^${STACK_FILES_COMPOSE_PATH}/secrets/`));
    }
  });

  it('runs the image the container tests build and harden, as they run it', () => {
    const hardened = hardenedRunOptions();
    expect(service.image).toBe(SERVICE_IMAGE);
    expect(service.user).toBe(`${CONTAINER.uid}:${CONTAINER.gid}`);
    expect(service.user).toBe(hardened.user);
    expect(service.read_only).toBe(hardened.readOnly);
    expect(service.cap_drop).toEqual(hardened.capDrop);
    expect(service.security_opt).toEqual(hardened.securityOpts.map((o) => `${o}:true`));
    expect(service.tmpfs?.map((t) => t.split(':')[0])).toEqual(hardened.tmpfs.map((t) => t.split(':')[0]));
    expect(service.mem_limit).toBe(hardened.memory);
    expect(service.pids_limit).toBe(hardened.pids);
  });

  it("publishes only on loopback, every host port overridable, the service's on the contract's ports", () => {
    const all = Object.values(compose.services).flatMap((s) => (s.ports ?? []).map(publishedPort));
    expect(all.every((p) => p.hostAddress === '127.0.0.1')).toBe(true);
    expect(new Set(all.map((p) => p.variable)).size).toBe(all.length);
    expect((service.ports ?? []).map(publishedPort).map((p) => [p.defaultHostPort, p.containerPort])).toEqual(
      [
        [HTTP_PORT, HTTP_PORT],
        [METRICS_PORT, METRICS_PORT],
      ],
    );
  });

  it('mounts only files and folders the generator writes', () => {
    const dir = join(scratch, 'generated');
    const written = writeStackFiles(dir, {});
    const sources = [
      ...Object.values(compose.services).flatMap((s) => (s.volumes ?? []).map((v) => v.split(':')[0]!)),
      ...Object.values(compose.secrets ?? {}).map((s) => s.file),
    ].filter((source) => source.startsWith('./'));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(source.startsWith(`${STACK_FILES_COMPOSE_PATH}/`), source).toBe(true);
      const relative = source.slice(STACK_FILES_COMPOSE_PATH.length + 1);
      expect(
        written.some((path) => path === relative || path.startsWith(`${relative}/`)),
        source,
      ).toBe(true);
    }
    const grafanaMounts = compose.services.grafana?.volumes ?? [];
    expect(grafanaMounts.some((v) => v.split(':')[1] === DASHBOARDS_CONTAINER_PATH)).toBe(true);
  });
});
