import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { PATHS } from '@slipway/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAME_MAX_LENGTH } from '../src/users/user-schemas.js';
import { bodyOf, type JsonBody, startTestApp, type TestApp } from './support/test-app.js';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

describe('the OpenAPI document, as a client generator reads it', () => {
  let t: TestApp;
  let document: JsonBody;
  const operations = () =>
    Object.entries(document.paths as JsonBody).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] })),
    );
  beforeAll(async () => {
    t = await startTestApp();
    document = await bodyOf(await fetch(`${t.url}${PATHS.openapi}`));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('passes `redocly lint` with the recommended rules: no error, no warning', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: `${t.url}${PATHS.openapi}`,
      config,
    });
    const described = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`,
    );
    expect(described).toEqual([]);
  });

  it('names its schemas and gives every operation a unique operationId', () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['User', 'UserInput', 'UserPatch', 'UserPage', 'Problem']),
    );
    expect(JSON.stringify(document)).not.toMatch(/def-\d/);
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'listUsers',
        'getUser',
        'createUser',
        'replaceUser',
        'updateUser',
        'deleteUser',
      ]),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('marks limit and cursor optional', () => {
    const parameters = document.paths[PATHS.users].get.parameters as JsonBody[];
    expect(parameters.map((p) => [p.name, p.required])).toEqual([
      ['limit', false],
      ['cursor', false],
    ]);
  });

  it('declares every error as application/problem+json and describes every response', () => {
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses as JsonBody)) {
        expect(response.description, `${method} ${path} ${status}`).not.toBe('Default Response');
        if (Number(status) >= 400) {
          expect(Object.keys(response.content), `${method} ${path} ${status}`).toEqual([
            'application/problem+json',
          ]);
        }
      }
    }
  });

  it('documents the Location header of a created user', () => {
    const created = document.paths[PATHS.users].post.responses['201'];
    expect(created.headers.location.schema.type).toBe('string');
  });

  it('bounds name as docs/api.md does', () => {
    expect(document.components.schemas.UserInput.properties.name.maxLength).toBe(NAME_MAX_LENGTH);
    const apiDoc = readFileSync(join(import.meta.dirname, '../../docs/api.md'), 'utf8');
    expect(apiDoc).toMatch(new RegExp(`\\| \`name\` \\| 1–${NAME_MAX_LENGTH} characters`));
  });

  it('leaves the probes out: they are for the orchestrator, not for clients', () => {
    expect(Object.keys(document.paths)).not.toContain(PATHS.liveness);
    expect(Object.keys(document.paths)).not.toContain(PATHS.readiness);
  });
});
