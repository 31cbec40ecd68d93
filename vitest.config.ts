import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// One test runner for the whole repository: every workspace with a `test/` folder is a project
// (named after its folder, without `tools/`), so `npm test` runs all of them and
// `vitest run --project service` runs one. The workspaces come from package.json, their one home.
const { workspaces } = JSON.parse(readFileSync('package.json', 'utf8')) as { workspaces: string[] };
const folders = workspaces.flatMap((pattern) =>
  pattern.endsWith('/*')
    ? readdirSync(pattern.slice(0, -2)).map((name) => `${pattern.slice(0, -2)}/${name}`)
    : [pattern],
);

export default defineConfig({
  test: {
    projects: folders
      .filter((folder) => existsSync(`${folder}/test`) && existsSync(`${folder}/package.json`))
      .map((folder) => ({
        extends: true,
        test: { name: folder.replace('tools/', ''), root: `./${folder}`, include: ['test/**/*.test.ts'] },
      })),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    passWithNoTests: false,
  },
});
