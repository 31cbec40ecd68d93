/**
 * The TypeScript project files, generated from the workspaces' package.json declarations so the
 * typecheck (`tsc -b`) enforces them:
 * - `tsconfig.workspaces.json` maps every workspace's exports to its source (`paths`). Imports by
 *   package name then resolve to source files, not to `node_modules` symlinks, which TypeScript
 *   would treat as an external library and never check against the project graph.
 * - one project per workspace (and one per test folder below the top floor) referencing exactly
 *   the workspaces it declares. Importing any other workspace pulls a file outside the project
 *   into it, which `tsc -b` reports (TS6307), so a wrong-way or undeclared import fails the
 *   typecheck.
 */
import { posix } from 'node:path';
import { WORKSPACE_SCOPE, type Workspace, workspaceByName } from './workspaces.js';

export const BUILD_OUTPUT_DIR = '.tsbuild';
export const PATHS_FILE = 'tsconfig.workspaces.json';
/** Hand-written: compiler options every project shares (extends PATHS_FILE). */
export const BASE_FILE = 'tsconfig.base.json';
/** Hand-written: the root's own TypeScript (vitest.config.ts). */
export const ROOT_PROJECT_FILE = 'tsconfig.root.json';

/** Folders no project compiles. */
const EXCLUDED = ['**/node_modules', '**/dist', '**/cdk.out', '**/coverage'];

export type GeneratedFiles = Map<string, string>;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function project(dir: string, references: string[], excludeTests: boolean): unknown {
  const up = posix.relative(dir, '.') || '.';
  return {
    extends: `${up}/${BASE_FILE}`,
    compilerOptions: { rootDir: '.', outDir: `${up}/${BUILD_OUTPUT_DIR}/${dir}` },
    include: ['.'],
    exclude: excludeTests ? ['test', ...EXCLUDED] : EXCLUDED,
    references: references.map((target) => ({ path: posix.relative(dir, target) })),
  };
}

function dirsOf(workspaces: Workspace[], names: string[]): string[] {
  return names.map((name) => {
    const target = workspaceByName(workspaces, name);
    if (target === undefined) throw new Error(`${name} is declared as a dependency but is no workspace`);
    return target.dir;
  });
}

/** Every generated file, keyed by its path relative to the repository root. */
export function tsconfigFiles(workspaces: Workspace[]): GeneratedFiles {
  const files: GeneratedFiles = new Map();
  const paths = Object.fromEntries(
    workspaces
      .flatMap((w) => Object.entries(w.exports))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([specifier, target]) => [specifier, [`./${target}`]]),
  );
  files.set(PATHS_FILE, json({ compilerOptions: { paths } }));

  const projects: string[] = [];
  for (const w of workspaces) {
    const deps = dirsOf(workspaces, w.dependencies);
    const testDeps = dirsOf(workspaces, w.testDependencies);
    if (w.separateTestProject) {
      files.set(`${w.dir}/tsconfig.json`, json(project(w.dir, deps, true)));
      const testDir = `${w.dir}/test`;
      const testRefs = [...new Set([w.dir, ...deps, ...testDeps])];
      files.set(`${testDir}/tsconfig.json`, json(project(testDir, testRefs, false)));
      projects.push(w.dir, testDir);
    } else {
      files.set(`${w.dir}/tsconfig.json`, json(project(w.dir, [...new Set([...deps, ...testDeps])], false)));
      projects.push(w.dir);
    }
  }
  files.set(
    'tsconfig.json',
    json({
      files: [],
      references: [...projects.map((dir) => ({ path: `./${dir}` })), { path: `./${ROOT_PROJECT_FILE}` }],
    }),
  );
  return files;
}

/** The package name a bare specifier belongs to, if it is one of ours: `@slipway/service/app` → `@slipway/service`. */
export function workspacePackageOf(specifier: string): string | undefined {
  if (!specifier.startsWith(WORKSPACE_SCOPE)) return undefined;
  return specifier.split('/').slice(0, 2).join('/');
}
