import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitopsRootPath } from '@slipway/contract';
import { describeWithTool, toolAvailable } from '@slipway/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES } from '../src/environments/index.js';
import { MANIFESTS_DIR, RELEASES_FILE } from '../src/paths.js';
import { RELEASES, UNRELEASED } from '../src/releases.js';
import { releasesFileText, UNRELEASED_DIGEST } from '../src/releases-schema.js';
import { manifestFiles, renderEnvironments } from '../src/render/manifest-files.js';
import { readManifests, writeManifests } from '../src/render/write-manifests.js';

const scratch = mkdtempSync(join(tmpdir(), 'slipway-render-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('rendered manifests', () => {
  it('are committed up to date (run `npm run render` and commit deploy/manifests if this fails)', () => {
    writeManifests(scratch, manifestFiles(renderEnvironments()));
    const fresh = readManifests(scratch);
    const committed = readManifests(MANIFESTS_DIR);
    expect([...committed.keys()].sort(), 'files added or removed').toEqual([...fresh.keys()].sort());
    const stale = [...fresh]
      .filter(([path, content]) => committed.get(path) !== content)
      .map(([path]) => path);
    expect(stale, 'files whose content differs').toEqual([]);
  });

  it('render the same bytes twice (no hashes, timestamps or map-order noise)', () => {
    expect(manifestFiles(renderEnvironments())).toEqual(manifestFiles(renderEnvironments()));
  });
});

describeWithTool(
  'root folders build with kustomize',
  { available: toolAvailable('kubectl', ['version', '--client']), reason: 'kubectl is not installed' },
  () => {
    it.each(ENVIRONMENT_NAMES)('%s: `kubectl kustomize` builds what the root Application syncs', (env) => {
      const root = join(MANIFESTS_DIR, '..', '..', gitopsRootPath(env));
      const built = execFileSync('kubectl', ['kustomize', root], { encoding: 'utf8' });
      expect(built).toContain('kind: AppProject');
      expect(built).toContain('kind: Application');
    });
  },
);

describe('releases.ts', () => {
  it('is exactly what the promote command writes, so a promotion changes only the digest line', () => {
    expect(readFileSync(RELEASES_FILE, 'utf8')).toBe(releasesFileText(RELEASES));
    expect(UNRELEASED).toBe(UNRELEASED_DIGEST);
  });
});
