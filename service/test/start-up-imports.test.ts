import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles, sourceRoot } from './support/source-files.js';

// Importing node:http as an ES module makes Node load its bundled fetch library (undici) to read
// the lazy WebSocket exports: the largest single cost of the service's start. The service's code
// takes node:http from src/node/http.ts, which loads it with require.

describe('what the service imports at start', () => {
  it('takes node:http only through node/http.ts, never as an ES module import of its values', () => {
    const importers = sourceFiles(sourceRoot)
      .filter((file) => /^import (?!type )[^;]*from 'node:http'/m.test(readFileSync(file, 'utf8')))
      .map((file) => relative(sourceRoot, file));
    expect(importers).toEqual([]);
  });

  it('loads no undici when the modules that serve HTTP are loaded', () => {
    const modules = ['metrics/metrics-server.ts', 'http/framework-errors.ts'].map((file) =>
      join(sourceRoot, file),
    );
    const script = `${modules.map((file) => `await import(${JSON.stringify(file)});`).join('')}
      console.log(process.moduleLoadList.filter((name) => name.includes('undici')).length);`;
    const loaded = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(loaded.trim()).toBe('0');
  });
});
