import { lstatSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';

export interface FileEntry {
  /** Path inside the tree, with a leading slash: `/app/dist/server.js`. */
  path: string;
  stats: Stats;
}

/** Every entry under `root` (files, folders, symlinks, not followed), depth first. */
export function walkFiles(root: string): FileEntry[] {
  const entries: FileEntry[] = [];
  const visit = (relative: string) => {
    for (const name of readdirSync(join(root, relative))) {
      const path = `${relative}/${name}`;
      const stats = lstatSync(join(root, path));
      entries.push({ path, stats });
      if (stats.isDirectory()) visit(path);
    }
  };
  visit('');
  return entries;
}

/** Names of the npm packages installed anywhere in the tree (`node_modules/<name>/package.json`). */
export function installedPackageNames(entries: FileEntry[]): Set<string> {
  const names = new Set<string>();
  for (const { path } of entries) {
    const match = path.match(/\/node_modules\/((?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/);
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}

/** `name@version` of every npm package installed in the unpacked tree at `root`. */
export function installedPackageVersions(root: string, entries: FileEntry[]): Set<string> {
  const packages = new Set<string>();
  for (const { path } of entries) {
    const match = path.match(/\/node_modules\/((?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/);
    if (!match?.[1]) continue;
    const { version } = JSON.parse(readFileSync(join(root, path), 'utf8')) as { version?: string };
    packages.add(`${match[1]}@${version}`);
  }
  return packages;
}
