/**
 * The npm workspaces as their package.json files declare them: the one source from which the
 * TypeScript project references are generated and against which real imports are checked.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { floorOf, TOP_FLOOR } from './floors.js';
import { REPOSITORY_ROOT } from './repository-root.js';

export const WORKSPACE_SCOPE = '@slipway/';

export interface Workspace {
  /** Folder relative to the repository root, e.g. `tools/smoke`. */
  dir: string;
  /** Package name, e.g. `@slipway/smoke`. */
  name: string;
  floor: number | undefined;
  /** Subpath exports: `@slipway/service/app` → `service/src/app.ts`. */
  exports: Record<string, string>;
  /** Workspaces its shipped code imports (`dependencies`). */
  dependencies: string[];
  /** Workspaces only its tests import (`devDependencies`). */
  testDependencies: string[];
  /**
   * Whether its tests are a TypeScript project of their own: below the top floor they are, so the
   * tests may use the harnesses while the code under test may not.
   */
  separateTestProject: boolean;
}

interface PackageJson {
  name: string;
  workspaces?: string[];
  exports?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(REPOSITORY_ROOT, dir, 'package.json'), 'utf8')) as PackageJson;
}

function workspaceDirs(patterns: string[]): string[] {
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(join(REPOSITORY_ROOT, parent), { withFileTypes: true })
      .filter(
        (entry) =>
          entry.isDirectory() && existsSync(join(REPOSITORY_ROOT, parent, entry.name, 'package.json')),
      )
      .map((entry) => `${parent}/${entry.name}`);
  });
}

const scoped = (deps: Record<string, string> | undefined) =>
  Object.keys(deps ?? {})
    .filter((name) => name.startsWith(WORKSPACE_SCOPE))
    .sort();

export function readWorkspaces(): Workspace[] {
  const root = readPackage('.');
  return workspaceDirs(root.workspaces ?? [])
    .sort()
    .map((dir) => {
      const pkg = readPackage(dir);
      const floor = floorOf(dir);
      const exports = Object.fromEntries(
        Object.entries(pkg.exports ?? {}).map(([subpath, target]) => [
          subpath === '.' ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, '')}`,
          join(dir, target),
        ]),
      );
      return {
        dir,
        name: pkg.name,
        floor,
        exports,
        dependencies: scoped(pkg.dependencies),
        testDependencies: scoped(pkg.devDependencies),
        separateTestProject:
          floor !== undefined && floor < TOP_FLOOR && existsSync(join(REPOSITORY_ROOT, dir, 'test')),
      };
    });
}

export function workspaceByName(workspaces: Workspace[], name: string): Workspace | undefined {
  return workspaces.find((w) => w.name === name);
}
