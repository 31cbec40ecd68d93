import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles, sourceRoot } from './support/source-files.js';

// The service's folders import one another one way only: `http/` (errors, auth, request ids) is
// below the features (`users/`), so a feature can use it and it never needs a feature. A cycle
// between folders means neither can be understood, tested or replaced alone.

/** `users` for src/users/x.ts, `app.ts` for a file at the top of src/. */
const folderOf = (file: string) => relative(sourceRoot, file).split('/')[0] ?? file;

function folderImports(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(sourceRoot)) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const to = folderOf(resolve(dirname(file), specifier as string));
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const walk = (node: string, path: string[]): string[] | undefined => {
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    if (state.get(node) === 'done') return undefined;
    state.set(node, 'visiting');
    for (const next of graph.get(node) ?? []) {
      const cycle = walk(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = walk(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('imports between the service source folders', () => {
  const graph = folderImports();

  it('reads the real tree', () => {
    expect(graph.get('users')).toContain('http');
  });

  it('http/ imports no feature', () => {
    expect([...(graph.get('http') ?? [])]).not.toContain('users');
  });

  it('no two folders import each other, directly or through others', () => {
    expect(findCycle(graph)).toBeUndefined();
  });
});
