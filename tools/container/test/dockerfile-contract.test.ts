import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTAINER, HTTP_PORT, METRICS_PORT, SERVE_COMMAND } from '@slipway/contract';
import { describe, expect, it } from 'vitest';
import { DOCKERFILE_PATH, REPOSITORY_ROOT, readBaseImages } from '../src/index.js';

// The Dockerfile cannot import TypeScript, so its facts are checked against the service contract.
const dockerfile = readFileSync(DOCKERFILE_PATH, 'utf8');
const dockerignore = readFileSync(join(REPOSITORY_ROOT, '.dockerignore'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const runtimeStage = instructions.slice(instructions.findIndex((line) => /^FROM .* AS runtime$/.test(line)));
const valuesOf = (keyword: string) =>
  runtimeStage.filter((line) => line.startsWith(`${keyword} `)).map((line) => line.slice(keyword.length + 1));

describe('Dockerfile against the service contract', () => {
  it('has a runtime stage that comes last', () => {
    expect(runtimeStage[0]).toMatch(/^FROM \$\{RUNTIME_BASE_IMAGE\} AS runtime$/);
    expect(runtimeStage.slice(1).some((line) => line.startsWith('FROM '))).toBe(false);
  });

  it('runs as the contract uid:gid, which is non-root', () => {
    expect(CONTAINER.uid).toBeGreaterThanOrEqual(10000);
    expect(valuesOf('USER')).toEqual([`${CONTAINER.uid}:${CONTAINER.gid}`]);
  });

  it('works in the contract workdir and keeps SQLite in the contract data directory, owned by the user', () => {
    expect(valuesOf('WORKDIR')).toEqual([CONTAINER.workdir]);
    expect(dockerfile).toMatch(new RegExp(`SQLITE_PATH=${CONTAINER.dataDir}/[\\w.-]+\\.db`));
    expect(runtimeStage).toContainEqual(
      expect.stringMatching(
        new RegExp(`^COPY .*--chown=${CONTAINER.uid}:${CONTAINER.gid} \\S+ ${CONTAINER.dataDir}$`),
      ),
    );
  });

  it('exposes exactly the HTTP and metrics ports', () => {
    expect(valuesOf('EXPOSE').flatMap((value) => value.split(/\s+/))).toEqual([
      String(HTTP_PORT),
      String(METRICS_PORT),
    ]);
  });

  it('starts Node in exec form with the serve command', () => {
    expect(valuesOf('ENTRYPOINT').map((value) => JSON.parse(value))).toEqual([['/nodejs/bin/node']]);
    expect(valuesOf('CMD').map((value) => JSON.parse(value))).toEqual([[...SERVE_COMMAND]]);
  });

  it('pins both base images by digest, with the tag in a comment above', () => {
    const { build, runtime } = readBaseImages(dockerfile);
    expect(build.name).toBe('docker.io/library/node:24-trixie');
    expect(runtime.name).toBe('gcr.io/distroless/nodejs24-debian13:nonroot');
    for (const image of [build, runtime]) {
      expect(image.pinned).toMatch(/@sha256:[0-9a-f]{64}$/);
      const tag = image.name.replace(/^docker\.io\/library\//, '');
      expect(dockerfile).toContain(`# ${tag}\nARG ${image.arg}=${image.pinned}\n`);
    }
  });

  it('sets every OCI label from build args', () => {
    for (const label of ['source', 'revision', 'version', 'created', 'licenses']) {
      expect(dockerfile).toMatch(new RegExp(`org\\.opencontainers\\.image\\.${label}="[^"]+"`));
    }
  });

  it('gives npm the build host CA only as a build secret, and has no syntax line to pull', () => {
    const npmSteps = instructions.filter((line) => line.includes('npm ci'));
    expect(npmSteps.length).toBeGreaterThan(0);
    for (const step of npmSteps) expect(step).toMatch(/^RUN --mount=type=secret,id=npmca /);
    expect(dockerfile).not.toMatch(/^#\s*syntax=/m);
    expect(dockerfile).not.toMatch(/NODE_EXTRA_CA_CERTS=\/(etc|usr)/);
    expect(dockerfile).not.toMatch(/^(COPY|ADD) .*\.(crt|pem)\b/m);
  });

  it('installs no optional or dev dependencies for the runtime', () => {
    const productionInstall = instructions.find(
      (line) => line.includes('npm ci') && line.includes('--omit=dev'),
    );
    expect(productionInstall).toMatch(/--omit=optional/);
  });

  it('builds from an allowlisted context, so .git, .env and tests never reach it', () => {
    const patterns = dockerignore.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    expect(patterns[0]).toBe('*');
    for (const pattern of patterns.slice(1)) {
      expect(pattern).toMatch(/^!/);
      expect(pattern).not.toMatch(/\.git|\.env|test/);
    }
  });
});

describe('readBaseImages', () => {
  it('says which ARG is missing', () => {
    expect(() => readBaseImages('FROM scratch\n')).toThrow(/ARG BUILD_BASE_IMAGE=/);
  });

  it('refuses a base image that is not pinned by digest', () => {
    expect(() =>
      readBaseImages('ARG BUILD_BASE_IMAGE=node:24-trixie\nARG RUNTIME_BASE_IMAGE=x@sha256:ab\n'),
    ).toThrow(/BUILD_BASE_IMAGE=node:24-trixie is not pinned by digest/);
  });
});
