import { describe, expect, it } from 'vitest';
import { importsOf } from '../src/import-graph.js';
import {
  folderAndFileCycles,
  undeclaredOrUnusedImports,
  workspaceCycles,
  workspacesWithoutFloor,
  wrongWayDependencies,
} from '../src/layering-violations.js';
import { readWorkspaces } from '../src/workspaces.js';

const workspaces = readWorkspaces();

describe('the repository layering', () => {
  it('finds every workspace', () => {
    expect(workspaces.map((w) => w.dir)).toEqual(
      expect.arrayContaining([
        'contract',
        'service',
        'infra',
        'observability',
        'deploy',
        'tools/architecture',
      ]),
    );
  });

  it('puts every workspace on a floor', () => {
    expect(workspacesWithoutFloor(workspaces)).toEqual([]);
  });

  it('declares dependencies that only point down a floor', () => {
    expect(wrongWayDependencies(workspaces)).toEqual([]);
  });

  it('has no cycle between workspaces', () => {
    expect(workspaceCycles(workspaces)).toEqual([]);
  });

  describe.each(workspaces.map((w) => [w.dir, w] as const))('%s', (_dir, workspace) => {
    const imports = importsOf(workspace);

    it('imports exactly the workspaces its package.json declares, by package name', () => {
      expect(undeclaredOrUnusedImports(workspace, imports)).toEqual([]);
    });

    it('has no cycle between its files or folders', () => {
      expect(folderAndFileCycles(imports)).toEqual([]);
    });
  });
});
