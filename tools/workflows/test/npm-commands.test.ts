import { describe, expect, it } from 'vitest';
import { loadPackages, npmScriptCalls, npxCalls, unresolvedScript } from '../src/npm-commands.js';

describe('finding npm commands in shell text', () => {
  it('reads the script and the workspace however they are written', () => {
    const text = [
      'set -o pipefail',
      'npm run --silent diff -w @slipway/infra -- "$ENVIRONMENT" 2>&1 | tee diff.txt',
      'npm ci && npm test',
      "sh 'npm run render --workspace=@slipway/deploy'",
      'PATH="$NODE_BIN:$PATH" npm run smoke -- "$URL" --wait 900',
      'npm install --prefix .jenkins/node-24 node@24',
    ].join('\n');

    expect(npmScriptCalls(text).map(({ script, workspace }) => ({ script, workspace }))).toEqual([
      { script: 'diff', workspace: '@slipway/infra' },
      { script: 'test', workspace: undefined },
      { script: 'render', workspace: '@slipway/deploy' },
      { script: 'smoke', workspace: undefined },
    ]);
    expect(npxCalls('npx --yes vitest run --coverage').map((call) => call.bin)).toEqual(['vitest']);
  });

  it('reports a script that does not exist, in the root or in a workspace', () => {
    const packages = loadPackages();

    expect(unresolvedScript({ script: 'lint', command: 'npm run lint' }, packages)).toEqual([]);
    expect(
      unresolvedScript({ script: 'deploy-everything', command: 'npm run deploy-everything' }, packages),
    ).toEqual(['"npm run deploy-everything": ./package.json has no "deploy-everything" script']);
    expect(
      unresolvedScript(
        { script: 'nope', workspace: '@slipway/smoke', command: 'npm run nope -w @slipway/smoke' },
        packages,
      ),
    ).toEqual(['"npm run nope -w @slipway/smoke": tools/smoke/package.json has no "nope" script']);
    expect(
      unresolvedScript(
        { script: 'x', workspace: '@slipway/nothing', command: 'npm run x -w @slipway/nothing' },
        packages,
      ),
    ).toEqual(['"npm run x -w @slipway/nothing": no workspace @slipway/nothing']);
  });

  it('follows a root script into the workspace it delegates to', () => {
    const packages = loadPackages();
    const root = {
      ...packages.root,
      scripts: { ...packages.root.scripts, check: 'npm run missing -w @slipway/smoke' },
    };

    expect(unresolvedScript({ script: 'check', command: 'npm run check' }, { ...packages, root })).toEqual([
      '"npm run missing -w @slipway/smoke": tools/smoke/package.json has no "missing" script',
    ]);
  });
});
