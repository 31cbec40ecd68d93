import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithTool, toolAvailable } from '@slipway/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { waiversOf } from '../src/objects/waivers.js';
import { MANIFESTS_DIR, RELEASES_FILE } from '../src/paths.js';
import { releasesFileText, UNRELEASED_DIGEST } from '../src/promotion/releases-schema.js';
import { RELEASES, UNRELEASED } from '../src/releases.js';
import { renderEnvironments } from '../src/render/environment-manifests.js';
import { KUSTOMIZATION_FILE } from '../src/render/kustomization.js';
import { manifestFiles, WAIVER_REPORT_FILE } from '../src/render/manifest-files.js';
import { objectId, renderedObjects } from '../src/render/rendered-objects.js';
import { readManifests, writeManifests } from '../src/render/write-manifests.js';

const scratch = mkdtempSync(join(tmpdir(), 'slipway-render-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const rendered = renderEnvironments(RELEASES);
const fresh = manifestFiles(rendered);

describe('rendered manifests', () => {
  it('are committed up to date (run `npm run render` and commit deploy/manifests if this fails)', () => {
    writeManifests(scratch, fresh);
    const written = readManifests(scratch);
    const committed = readManifests(MANIFESTS_DIR);
    expect([...committed.keys()].sort(), 'files added or removed').toEqual([...written.keys()].sort());
    const stale = [...written]
      .filter(([path, content]) => committed.get(path) !== content)
      .map(([path]) => path);
    expect(stale, 'files whose content differs').toEqual([]);
  });

  it(`list every waiver in the committed ${WAIVER_REPORT_FILE} (run \`npm run render\` if this fails)`, () => {
    const report = readFileSync(join(MANIFESTS_DIR, WAIVER_REPORT_FILE), 'utf8');
    expect(report).toBe(fresh.get(WAIVER_REPORT_FILE));
    const annotated = renderedObjects(rendered).filter(
      (o) => waiversOf(o.object.metadata.annotations).length > 0,
    );
    expect(annotated.length).toBeGreaterThan(0);
    for (const { object } of annotated) expect(report).toContain(`| ${objectId(object)} |`);
  });

  it('render the same bytes twice (no hashes, timestamps or map-order noise)', () => {
    expect(manifestFiles(renderEnvironments(RELEASES))).toEqual(fresh);
  });
});

/** `Kind namespace/name` → the object, from a stream of YAML documents. */
function objectsById(documents: unknown[]): Map<string, unknown> {
  return new Map(
    documents.map((document) => {
      const object = document as Parameters<typeof objectId>[0];
      return [objectId(object), object];
    }),
  );
}

describeWithTool(
  'every rendered folder applies with `kubectl apply -k`',
  { available: toolAvailable('kubectl', ['version', '--client']), reason: 'kubectl is not installed' },
  () => {
    const folders = rendered.flatMap(({ name, manifests }) =>
      [...manifests].map(([folder, objects]) => [`${name}/${folder}`, objects] as const),
    );

    it.each(folders)(
      '%s: `kubectl kustomize` builds exactly the objects the renderer produced',
      (path, objects) => {
        const built = execFileSync('kubectl', ['kustomize', join(MANIFESTS_DIR, path)], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        });
        const documents = parseAllDocuments(built).map((document) => document.toJS() as unknown);
        const fromKustomize = objectsById(documents);
        const fromRenderer = objectsById(objects);
        expect(documents.length, 'no object twice').toBe(fromKustomize.size);
        expect([...fromKustomize.keys()].sort()).toEqual([...fromRenderer.keys()].sort());
        for (const [id, object] of fromRenderer) expect(fromKustomize.get(id), id).toEqual(object);
      },
    );

    it('has a kustomization in every folder ArgoCD or a user applies', () => {
      const kustomizations = [...fresh.keys()].filter((path) => path.endsWith(`/${KUSTOMIZATION_FILE}`));
      expect(kustomizations.sort()).toEqual(folders.map(([path]) => `${path}/${KUSTOMIZATION_FILE}`).sort());
    });
  },
);

describe('releases.ts', () => {
  it('is exactly what the promote command writes, so a promotion changes only the digest line', () => {
    expect(readFileSync(RELEASES_FILE, 'utf8')).toBe(releasesFileText(RELEASES));
    expect(UNRELEASED).toBe(UNRELEASED_DIGEST);
  });
});
