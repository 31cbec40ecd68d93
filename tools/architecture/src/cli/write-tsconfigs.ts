/**
 * `npm run tsconfigs`: writes the TypeScript project files generated from the workspaces'
 * package.json declarations. Run it after adding a workspace or changing its `@slipway/*`
 * dependencies; a test fails while they are stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '../repository-root.js';
import { tsconfigFiles } from '../tsconfig-files.js';
import { readWorkspaces } from '../workspaces.js';

for (const [path, content] of tsconfigFiles(readWorkspaces())) {
  writeFileSync(join(REPOSITORY_ROOT, path), content);
  console.log(`wrote ${path}`);
}
