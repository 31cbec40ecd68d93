import { describe, expect, it } from 'vitest';
import type { SourceImport } from '../src/import-graph.js';
import {
  folderAndFileCycles,
  undeclaredOrUnusedImports,
  workspaceCycles,
  wrongWayDependencies,
} from '../src/layering-violations.js';
import type { Workspace } from '../src/workspaces.js';

// The rules on small made-up repositories, so each is seen to fail on what it forbids.
const workspace = (dir: string, floor: number, deps: string[] = [], testDeps: string[] = []): Workspace => ({
  dir,
  name: `@slipway/${dir.split('/').pop()}`,
  floor,
  exports: {},
  dependencies: deps,
  testDependencies: testDeps,
  separateTestProject: floor < 3,
});

describe('the layering rules', () => {
  it('reject a dependency that points up a floor, and accept test helpers in tests', () => {
    const repo = [
      workspace('contract', 0, ['@slipway/service']),
      workspace('service', 1, ['@slipway/contract'], ['@slipway/testing']),
      workspace('tools/testing', 3, ['@slipway/contract']),
    ];
    expect(wrongWayDependencies(repo)).toEqual([
      'contract (contract) depends on service (definitions): imports only point down a floor',
    ]);
  });

  it('reject a test helper in shipped code', () => {
    const repo = [workspace('service', 1, ['@slipway/testing']), workspace('tools/testing', 3)];
    expect(wrongWayDependencies(repo)).toHaveLength(1);
  });

  it('reject undeclared, unused and relative cross-workspace imports', () => {
    const w = workspace('service', 1, ['@slipway/contract', '@slipway/infra']);
    const imports: SourceImport[] = [
      { from: 'service/src/a.ts', specifier: '@slipway/contract' },
      { from: 'service/src/b.ts', specifier: '@slipway/testing' },
      {
        from: 'service/test/c.ts',
        specifier: '../../tools/testing/src/x.js',
        resolved: 'tools/testing/src/x.ts',
      },
    ];
    expect(undeclaredOrUnusedImports(w, imports)).toEqual([
      'service/src/b.ts imports @slipway/testing, which service/package.json does not declare in dependencies',
      'service/test/c.ts reaches into tools/testing/src/x.ts by a relative path: import the workspace by its package name',
      'service/package.json declares @slipway/infra, which nothing in service imports',
    ]);
  });

  it('find cycles between workspaces, files and folders', () => {
    expect(
      workspaceCycles([workspace('a', 1, ['@slipway/b']), workspace('b', 1, [], ['@slipway/a'])]),
    ).toEqual(['workspaces depend on each other: @slipway/a ↔ @slipway/b']);
    const imports: SourceImport[] = [
      {
        from: 'w/src/http/errors.ts',
        specifier: '../users/user-errors.js',
        resolved: 'w/src/users/user-errors.ts',
      },
      { from: 'w/src/users/routes.ts', specifier: '../http/auth.js', resolved: 'w/src/http/auth.ts' },
      { from: 'w/src/render/a.ts', specifier: './b.js', resolved: 'w/src/render/b.ts' },
      { from: 'w/src/render/b.ts', specifier: './a.js', resolved: 'w/src/render/a.ts' },
    ];
    expect(folderAndFileCycles(imports)).toEqual([
      'files import each other: w/src/render/a.ts ↔ w/src/render/b.ts',
      'folders import each other: w/src/http ↔ w/src/users',
    ]);
  });
});
