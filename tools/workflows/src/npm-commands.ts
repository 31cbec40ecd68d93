import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { relative } from 'node:path';
import { repoPath, repoPathExists } from './repository.js';

/** `npm run <script>` (or `npm test`) as a shell text calls it, optionally in a workspace. */
export interface NpmScriptCall {
  script: string;
  /** As written after -w / --workspace: a package name or a folder. */
  workspace?: string;
  /** The command as written, for messages. */
  command: string;
}

/** `npx <bin>` as a shell text calls it. */
export interface NpxCall {
  bin: string;
  command: string;
}

interface PackageJson {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  workspaces?: string[];
}

/** Shell words of every simple command in `text` (continuations joined, quotes dropped). */
function simpleCommands(text: string): string[][] {
  return text
    .replace(/\\\n/g, ' ')
    .split(/\n|&&|\|\||;|\|/)
    .map((command) =>
      command
        .trim()
        .split(/\s+/)
        .map((word) => word.replace(/^["'(]+|["')]+$/g, ''))
        // A lone brace is Groovy or a shell group around the command, not part of it.
        .filter((word) => word !== '' && word !== '{' && word !== '}'),
    )
    .filter((words) => words.length > 0);
}

const NPM_FLAGS_WITH_VALUE = new Set(['-w', '--workspace', '--prefix']);

/** Every `npm run X`, `npm run-script X` and `npm test` in a shell text (or a Jenkinsfile). */
export function npmScriptCalls(text: string): NpmScriptCall[] {
  const calls: NpmScriptCall[] = [];
  for (const words of simpleCommands(text)) {
    for (let i = words.indexOf('npm'); i !== -1; i = words.indexOf('npm', i + 1)) {
      let workspace: string | undefined;
      let script: string | undefined;
      let subcommand: string | undefined;
      for (let j = i + 1; j < words.length; j++) {
        const word = words[j]!;
        if (word === '--') break;
        if (NPM_FLAGS_WITH_VALUE.has(word)) {
          if (word !== '--prefix') workspace = words[j + 1];
          j++;
        } else if (word.startsWith('--workspace=')) {
          workspace = word.slice('--workspace='.length);
        } else if (word.startsWith('-')) {
          // --silent and friends
        } else if (subcommand === undefined) {
          subcommand = word;
          if (word === 'test' || word === 't') script = 'test';
        } else if ((subcommand === 'run' || subcommand === 'run-script') && script === undefined) {
          script = word;
        }
      }
      if (script !== undefined) {
        calls.push({
          script,
          ...(workspace === undefined ? {} : { workspace }),
          command: words.slice(i).join(' '),
        });
      }
    }
  }
  return calls;
}

/** Every `npx <bin>` in a shell text. */
export function npxCalls(text: string): NpxCall[] {
  return simpleCommands(text).flatMap((words) => {
    const at = words.indexOf('npx');
    if (at === -1) return [];
    const bin = words.slice(at + 1).find((word) => !word.startsWith('-'));
    return bin === undefined ? [] : [{ bin, command: words.slice(at).join(' ') }];
  });
}

function readPackage(folder: string): PackageJson {
  return JSON.parse(readFileSync(repoPath(folder, 'package.json'), 'utf8')) as PackageJson;
}

/** The root package and every workspace package, by folder and by name. */
export function loadPackages(): {
  root: PackageJson;
  workspaces: Map<string, { folder: string; pkg: PackageJson }>;
} {
  const root = readPackage('.');
  const workspaces = new Map<string, { folder: string; pkg: PackageJson }>();
  for (const pattern of root.workspaces ?? []) {
    const folders = pattern.endsWith('/*')
      ? readdirSync(repoPath(pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => `${pattern.slice(0, -2)}/${entry.name}`)
      : [pattern];
    for (const folder of folders) {
      if (!repoPathExists(`${folder}/package.json`)) continue;
      const entry = { folder, pkg: readPackage(folder) };
      workspaces.set(folder, entry);
      workspaces.set(entry.pkg.name, entry);
    }
  }
  return { root, workspaces };
}

/**
 * What is wrong with a script call: a workspace that does not exist, a script missing from the
 * package it runs in — following root scripts that delegate to workspaces (`npm run x -w y`).
 * Empty when the call resolves all the way down.
 */
export function unresolvedScript(call: NpmScriptCall, packages = loadPackages(), depth = 0): string[] {
  const target =
    call.workspace === undefined
      ? { folder: '.', pkg: packages.root }
      : packages.workspaces.get(call.workspace);
  if (target === undefined) return [`"${call.command}": no workspace ${call.workspace}`];
  const body = target.pkg.scripts?.[call.script];
  if (body === undefined) {
    return [`"${call.command}": ${target.folder}/package.json has no "${call.script}" script`];
  }
  if (depth > 5) return [];
  return npmScriptCalls(body).flatMap((inner) =>
    unresolvedScript(
      // `npm run x` inside a workspace script runs in that workspace.
      inner.workspace === undefined && call.workspace !== undefined
        ? { ...inner, workspace: call.workspace }
        : inner,
      packages,
      depth + 1,
    ),
  );
}

/** The npm package whose bin `npx <bin>` runs, found through node_modules/.bin. */
export function packageOfBin(bin: string): string | undefined {
  try {
    const target = relative(repoPath('node_modules'), realpathSync(repoPath('node_modules/.bin', bin)));
    const [scopeOrName, name] = target.split('/');
    return scopeOrName?.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
  } catch {
    return undefined;
  }
}

/** True when some package.json of the repository declares `name` as a dependency. */
export function isDeclaredDependency(name: string, packages = loadPackages()): boolean {
  const all = [packages.root, ...[...packages.workspaces.values()].map((entry) => entry.pkg)];
  return all.some((pkg) => name in (pkg.dependencies ?? {}) || name in (pkg.devDependencies ?? {}));
}
