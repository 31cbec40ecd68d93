import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../src/repository-root.js';
import { tsconfigFiles } from '../src/tsconfig-files.js';
import { readWorkspaces } from '../src/workspaces.js';

describe('the TypeScript project files', () => {
  it('are what the workspaces declare (run `npm run tsconfigs` after changing a package.json)', () => {
    const generated = tsconfigFiles(readWorkspaces());
    expect(generated.size).toBeGreaterThan(10);
    for (const [path, content] of generated) {
      const file = join(REPOSITORY_ROOT, path);
      expect(existsSync(file) ? readFileSync(file, 'utf8') : `(missing ${path})`, path).toBe(content);
    }
  });
});
