import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithTool } from '@slipway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CycloneDxBom,
  containerEngineTool,
  ensureServiceImage,
  exportImageFilesystem,
  packageName,
  saveOciArchive,
  serviceSbom,
} from '../src/index.js';
import { runCommand } from '../src/run-command.js';
import { installedPackageVersions, walkFiles } from './support/walk-files.js';

describe('the SBOM of the image dependencies (cyclonedx-npm, CycloneDX)', () => {
  let sbom: CycloneDxBom;
  beforeAll(async () => {
    sbom = await serviceSbom();
  }, 60_000);

  it('describes the service and lists its production dependencies, none of the dev or optional ones', () => {
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(packageName(sbom.metadata!.component!)).toBe('@slipway/service');
    const names = new Set((sbom.components ?? []).map(packageName));
    for (const name of ['fastify', 'pino', 'kysely', 'pg', 'prom-client'])
      expect(names.has(name), name).toBe(true);
    for (const name of ['vitest', 'typescript', 'tsx', '@biomejs/biome']) {
      expect(names.has(name), name).toBe(false);
    }
  });

  describeWithTool('against the built image (podman or docker)', containerEngineTool(), () => {
    let root: string;
    afterAll(() => {
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it(
      'lists exactly the packages installed in the image',
      async () => {
        root = await exportImageFilesystem(await ensureServiceImage());
        const inImage = installedPackageVersions(root, walkFiles(root));
        const inSbom = new Set((sbom.components ?? []).map((c) => `${packageName(c)}@${c.version}`));
        expect([...inImage].filter((p) => !inSbom.has(p))).toEqual([]);
        expect([...inSbom].filter((p) => !inImage.has(p))).toEqual([]);
      },
      10 * 60_000,
    );
  });
});

describeWithTool('the image as an OCI archive (podman or docker)', containerEngineTool(), () => {
  const directory = mkdtempSync(join(tmpdir(), 'slipway-oci-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it(
    'saves an archive in the OCI image layout',
    async () => {
      const archive = join(directory, 'image.oci.tar');
      await saveOciArchive(await ensureServiceImage(), archive);
      const { stdout } = await runCommand('tar', ['-t', '-f', archive]);
      const entries = stdout.split('\n');
      expect(entries).toContain('oci-layout');
      expect(entries).toContain('index.json');
      expect(entries.some((entry) => entry.startsWith('blobs/sha256/'))).toBe(true);
    },
    10 * 60_000,
  );
});
