/**
 * The rules that keep the arrows pointing down, each returning what breaks it as one readable line
 * per violation (an empty list when the rule holds).
 */
import { dirname } from 'node:path';
import { addEdge, cyclesOf } from './cycles.js';
import { FLOORS, TEST_HELPER_WORKSPACES, TOP_FLOOR } from './floors.js';
import { isTestFile, type SourceImport } from './import-graph.js';
import { workspacePackageOf } from './tsconfig-files.js';
import { type Workspace, workspaceByName } from './workspaces.js';

const floorName = (floor: number | undefined) => (floor === undefined ? 'no floor' : FLOORS[floor]!.name);

/** Every workspace sits on a floor (tools/architecture/src/floors.ts). */
export function workspacesWithoutFloor(workspaces: Workspace[]): string[] {
  return workspaces
    .filter((w) => w.floor === undefined)
    .map((w) => `${w.dir} has no floor: add it to FLOORS in tools/architecture/src/floors.ts`);
}

/**
 * Declared dependencies point down a floor (sideways only among the harnesses); test-only
 * dependencies may also point to the shared test helpers.
 */
export function wrongWayDependencies(workspaces: Workspace[]): string[] {
  const violations: string[] = [];
  for (const w of workspaces) {
    const check = (name: string, testOnly: boolean) => {
      const target = workspaceByName(workspaces, name);
      if (target === undefined) {
        violations.push(`${w.dir} declares ${name}, which is no workspace`);
        return;
      }
      if (w.floor === undefined || target.floor === undefined) return;
      const down = target.floor < w.floor || (w.floor === TOP_FLOOR && target.floor === TOP_FLOOR);
      const testHelper = testOnly && (TEST_HELPER_WORKSPACES as readonly string[]).includes(target.dir);
      if (!down && !testHelper) {
        violations.push(
          `${w.dir} (${floorName(w.floor)}) depends on ${target.dir} (${floorName(target.floor)}): imports only point down a floor`,
        );
      }
    };
    for (const name of w.dependencies) check(name, false);
    for (const name of w.testDependencies) check(name, true);
  }
  return violations;
}

/**
 * What a workspace imports matches what its package.json declares: shipped code imports only its
 * `dependencies`, tests also their `devDependencies`, nothing declared goes unused, and no relative
 * import leaves the workspace's folder.
 */
export function undeclaredOrUnusedImports(w: Workspace, imports: SourceImport[]): string[] {
  const violations: string[] = [];
  const used = new Set<string>();
  for (const i of imports) {
    if (i.resolved !== undefined && !i.resolved.startsWith(`${w.dir}/`)) {
      violations.push(
        `${i.from} reaches into ${i.resolved} by a relative path: import the workspace by its package name`,
      );
    }
    const pkg = workspacePackageOf(i.specifier);
    if (pkg === undefined || pkg === w.name) continue;
    used.add(pkg);
    const test = isTestFile(w, i.from);
    const declared = w.dependencies.includes(pkg) || (test && w.testDependencies.includes(pkg));
    if (!declared) {
      const field = test ? 'devDependencies' : 'dependencies';
      violations.push(`${i.from} imports ${pkg}, which ${w.dir}/package.json does not declare in ${field}`);
    }
  }
  for (const pkg of [...w.dependencies, ...w.testDependencies]) {
    if (!used.has(pkg))
      violations.push(`${w.dir}/package.json declares ${pkg}, which nothing in ${w.dir} imports`);
  }
  return violations;
}

/** No cycle between workspaces, counting test-only dependencies too. */
export function workspaceCycles(workspaces: Workspace[]): string[] {
  const edges = new Map<string, Set<string>>();
  for (const w of workspaces)
    for (const dep of [...w.dependencies, ...w.testDependencies]) addEdge(edges, w.name, dep);
  return cyclesOf(edges).map((cycle) => `workspaces depend on each other: ${cycle.join(' ↔ ')}`);
}

/**
 * No cycle between the files of a workspace, nor between its folders (folder A imports folder B
 * and B imports A, directly or through others): a helper that the code below it imports belongs a
 * floor lower.
 */
export function folderAndFileCycles(imports: SourceImport[]): string[] {
  const files = new Map<string, Set<string>>();
  const folders = new Map<string, Set<string>>();
  for (const i of imports) {
    if (i.resolved === undefined) continue;
    addEdge(files, i.from, i.resolved);
    addEdge(folders, dirname(i.from), dirname(i.resolved));
  }
  return [
    ...cyclesOf(files).map((cycle) => `files import each other: ${cycle.join(' ↔ ')}`),
    ...cyclesOf(folders).map((cycle) => `folders import each other: ${cycle.join(' ↔ ')}`),
  ];
}
