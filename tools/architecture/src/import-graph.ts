/**
 * Every import of every TypeScript file of a workspace, read with TypeScript's own pre-processor
 * (static imports, re-exports, dynamic `import()` and type-only imports alike).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';
import { REPOSITORY_ROOT } from './repository-root.js';
import type { Workspace } from './workspaces.js';

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'cdk.out', 'coverage', 'manifests']);

export interface SourceImport {
  /** Importing file, relative to the repository root. */
  from: string;
  specifier: string;
  /** For relative specifiers: the imported file, relative to the repository root. */
  resolved?: string;
}

function sourceFiles(dir: string): string[] {
  const absolute = join(REPOSITORY_ROOT, dir);
  return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(path);
    return /\.(m|c)?ts$/.test(entry.name) && !/\.d\.(m|c)?ts$/.test(entry.name) ? [path] : [];
  });
}

/** `./x.js` → `x.ts`, `./dir` → `dir/index.ts`; undefined for files that are not TypeScript. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = join(REPOSITORY_ROOT, dirname(from), specifier);
  const candidates = [
    base.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts'),
    base,
    `${base}.ts`,
    join(base, 'index.ts'),
  ];
  const found = candidates.find((path) => existsSync(path) && statSync(path).isFile());
  return found === undefined ? undefined : relative(REPOSITORY_ROOT, found).split('\\').join('/');
}

export function importsOf(workspace: Workspace): SourceImport[] {
  return sourceFiles(workspace.dir).flatMap((from) => {
    const text = readFileSync(join(REPOSITORY_ROOT, from), 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    return importedFiles.map(({ fileName: specifier }) =>
      specifier.startsWith('.')
        ? { from, specifier, resolved: resolveRelative(from, specifier) }
        : { from, specifier },
    );
  });
}

/** Whether a file is test code: anything under the workspace's `test/` folder. */
export function isTestFile(workspace: Workspace, file: string): boolean {
  return file.startsWith(`${workspace.dir}/test/`);
}
