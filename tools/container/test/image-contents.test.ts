import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CONTAINER, SERVE_COMMAND } from '@slipway/contract';
import { describeWithTool } from '@slipway/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  containerEngineTool,
  ensureServiceImage,
  exportImageFilesystem,
  type ImageFacts,
  imageBuildArgs,
  inspectImage,
  REPOSITORY_ROOT,
} from '../src/index.js';
import { hostExtraCertificates, pemBodies } from './support/host-certificates.js';
import { lockfilePackages } from './support/lockfile-packages.js';
import { type FileEntry, installedPackageNames, walkFiles } from './support/walk-files.js';

const BUILD_TIMEOUT_MS = 10 * 60_000;

describeWithTool('the service image, inspected (podman or docker)', containerEngineTool(), () => {
  let facts: ImageFacts;
  let root: string;
  let files: FileEntry[];

  let expectedBuildArgs: Record<string, string>;

  beforeAll(async () => {
    // Taken right before the build, which computes the same (HEAD may move in a busy checkout).
    expectedBuildArgs = await imageBuildArgs();
    const image = await ensureServiceImage();
    facts = await inspectImage(image);
    root = await exportImageFilesystem(image);
    files = walkFiles(root);
  }, BUILD_TIMEOUT_MS);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('runs as the non-root contract user, Node in exec form with the serve command', () => {
    expect(facts.user).toBe(`${CONTAINER.uid}:${CONTAINER.gid}`);
    expect(facts.workdir).toBe(CONTAINER.workdir);
    expect(facts.entrypoint).toEqual(['/nodejs/bin/node']);
    expect(facts.cmd).toEqual([...SERVE_COMMAND]);
    expect(files.map((f) => f.path)).toContain(`${CONTAINER.workdir}/${SERVE_COMMAND[0]}`);
  });

  it('carries the OCI labels, and the build facts the service reports on /version', () => {
    const service = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'service/package.json'), 'utf8'));
    const label = (name: string) => facts.labels[`org.opencontainers.image.${name}`];
    expect(label('revision')).toMatch(/^[0-9a-f]{40}$/);
    expect(label('version')).toBe(service.version);
    expect(Number.isNaN(Date.parse(label('created') ?? ''))).toBe(false);
    expect(label('licenses')).toBe('Apache-2.0');
    expect(label('source')).toBeTruthy();
    expect(facts.env.GIT_COMMIT).toBe(label('revision'));
    expect(facts.env.BUILD_TIME).toBe(label('created'));
    expect(JSON.parse(readFileSync(join(root, CONTAINER.workdir, 'build-info.json'), 'utf8'))).toEqual({
      version: label('version'),
      commit: label('revision'),
      buildTime: label('created'),
    });
  });

  it('describes the commit it was built from, even when the engine reused cached layers', () => {
    expect(facts.labels['org.opencontainers.image.revision']).toBe(expectedBuildArgs.GIT_COMMIT);
    expect(facts.labels['org.opencontainers.image.created']).toBe(expectedBuildArgs.BUILD_TIME);
  });

  it('has no shell and no package manager', () => {
    const shells = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'csh', 'tcsh', 'fish', 'busybox']);
    const found = files.filter(({ path }) => {
      const name = path.slice(path.lastIndexOf('/') + 1);
      return shells.has(name) || ['npm', 'npx', 'corepack', 'apt', 'apt-get', 'dpkg'].includes(name);
    });
    expect(found.map((f) => f.path)).toEqual([]);
    expect(files.some(({ path }) => /\/node_modules\/(npm|corepack)\//.test(path))).toBe(false);
  });

  it('ships production dependencies only: no devDependencies', () => {
    const installed = installedPackageNames(files);
    const { production, devOnly } = lockfilePackages();
    expect(installed.size).toBeGreaterThan(10);
    expect([...installed].filter((name) => devOnly.has(name))).toEqual([]);
    expect([...installed].filter((name) => !production.has(name))).toEqual([]);
    for (const name of ['typescript', 'vitest', 'tsx', '@types/node']) {
      expect(installed.has(name), name).toBe(false);
    }
  });

  it('contains no tests, TypeScript sources, .git, .env or lockfiles of the build', () => {
    const unwanted = files.filter(
      ({ path }) =>
        /\/\.git(\/|$)|\/\.env(\.[^/]*)?$|\/\.npmrc$/.test(path) ||
        (path.startsWith(`${CONTAINER.workdir}/`) &&
          !path.includes('/node_modules/') &&
          /\.(test|spec)\.[cm]?[jt]s$|\.ts$|\/test\/|\/src\/|package-lock\.json$/.test(path)),
    );
    expect(unwanted.map((f) => f.path)).toEqual([]);
  });

  it('lets the service write only to the data directory', () => {
    const owned = files.filter(({ stats }) => stats.uid === CONTAINER.uid || stats.gid === CONTAINER.gid);
    expect(owned.map((f) => f.path)).toEqual([CONTAINER.dataDir]);
    const worldWritable = files.filter(
      ({ path, stats }) => !stats.isSymbolicLink() && (stats.mode & 0o002) !== 0 && path !== '/tmp',
    );
    expect(worldWritable.map((f) => f.path)).toEqual([]);
  });

  it("contains none of the build host's extra CA certificates (e.g. a TLS-intercepting proxy's)", () => {
    const bundle = readFileSync(join(root, 'etc/ssl/certs/ca-certificates.crt'), 'utf8');
    expect(pemBodies(bundle).length).toBeGreaterThan(100);
    const { file, extra } = hostExtraCertificates();
    // The PEM form's second 64-character line is specific to the certificate; the DER form too.
    const pemLines = extra.map((body) => Buffer.from(body.slice(64, 128)));
    const needles = [...pemLines, ...extra.map((body) => Buffer.from(body, 'base64'))];
    // The search does find them where they are: in the host's own file.
    const hostFile = readFileSync(file);
    expect(pemLines.every((line) => hostFile.includes(line))).toBe(true);
    const leaking = files.filter(({ path, stats }) => {
      if (!stats.isFile() || stats.size === 0) return false;
      const content = readFileSync(join(root, path));
      return needles.some((needle) => content.includes(needle));
    });
    expect(leaking.map((f) => f.path)).toEqual([]);
  });
});
