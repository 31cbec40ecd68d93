import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEPLOY_DIR, RELEASES_FILE } from '../src/paths.js';
import { applyPromotion, promotionRequest } from '../src/promotion/promote.js';
import { type Releases, UNRELEASED_DIGEST } from '../src/promotion/releases-schema.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const unreleased: Releases = {
  staging: { digest: UNRELEASED_DIGEST },
  production: { digest: UNRELEASED_DIGEST },
};

describe('promotion arguments', () => {
  it('sets a digest for an environment', () => {
    const request = promotionRequest(['--environment', 'staging', '--digest', digest('a')], unreleased);
    expect(applyPromotion(unreleased, request)).toEqual({
      staging: { digest: digest('a') },
      production: { digest: UNRELEASED_DIGEST },
    });
  });

  it("copies staging's digest into production with --from staging", () => {
    const current = { ...unreleased, staging: { digest: digest('b') } };
    const request = promotionRequest(['--environment', 'production', '--from', 'staging'], current);
    expect(request).toEqual({ environment: 'production', digest: digest('b'), source: 'staging' });
  });

  it.each([
    [[], /missing --environment/],
    [
      ['--environment', 'qa', '--digest', digest('a')],
      /--environment must be one of staging, production \(got "qa"\)/,
    ],
    [['--environment', 'staging'], /pass --digest sha256:<64 hex> or --from staging/],
    [['--environment', 'staging', '--digest', 'a'.repeat(64)], /lacks the "sha256:" prefix/],
    [['--environment', 'staging', '--digest', `sha256:${'A'.repeat(64)}`], /must be lowercase/],
    [['--environment', 'staging', '--digest', 'sha256:abc'], /must be 64 characters \(got 3\)/],
    [['--environment', 'staging', '--digest', `repo@${digest('a')}`], /not image@digest/],
    [['--environment', 'staging', '--from', 'staging'], /use --environment production --from staging/],
    [['--environment', 'production', '--from', 'staging'], /staging has no released image yet/],
    [
      ['--environment', 'production', '--from', 'staging', '--digest', digest('a')],
      /either --digest or --from/,
    ],
    [['--environment', 'staging', '--digets', digest('a')], /Unknown option '--digets'/],
  ] as const)('rejects %j with a clear message', (argv, message) => {
    expect(() => promotionRequest([...argv], unreleased)).toThrow(message);
  });
});

describe('npm run promote, end to end on a copy of releases.ts', () => {
  const copy = mkdtempSync(join(tmpdir(), 'slipway-promote-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));
  const releasesFile = join(copy, 'releases.ts');
  const manifests = join(copy, 'manifests');
  cpSync(RELEASES_FILE, releasesFile);
  const promote = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(DEPLOY_DIR, 'src/cli/promote.ts'), ...args], {
      cwd: DEPLOY_DIR,
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK8S_CHECK_UPGRADE: 'false',
        SLIPWAY_RELEASES_FILE: releasesFile,
        SLIPWAY_MANIFESTS_DIR: manifests,
      },
    });

  it('edits releases.ts and re-renders staging, then production from staging', () => {
    const staging = promote('--environment', 'staging', '--digest', digest('c'));
    expect(staging.stderr).toBe('');
    expect(staging.status).toBe(0);
    expect(readFileSync(releasesFile, 'utf8')).toContain(`staging: { digest: '${digest('c')}' }`);
    const stagingDeployment = readFileSync(
      join(manifests, 'staging/slipway/deployment-slipway.yaml'),
      'utf8',
    );
    expect(stagingDeployment).toContain(`slipway@${digest('c')}`);
    expect(readFileSync(join(manifests, 'production/slipway/deployment-slipway.yaml'), 'utf8')).toContain(
      `slipway@${UNRELEASED_DIGEST}`,
    );

    const production = promote('--environment', 'production', '--from', 'staging');
    expect(production.status).toBe(0);
    expect(production.stdout).toContain(`production: ${UNRELEASED_DIGEST} -> ${digest('c')} (from staging)`);
    expect(readFileSync(join(manifests, 'production/slipway/deployment-slipway.yaml'), 'utf8')).toContain(
      `slipway@${digest('c')}`,
    );
  });

  it('exits 2 with the reason on bad input and changes nothing', () => {
    const before = readFileSync(releasesFile, 'utf8');
    const result = promote('--environment', 'production', '--digest', 'latest');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^promote: --digest "latest" is not an image digest/);
    expect(readFileSync(releasesFile, 'utf8')).toBe(before);
  });
});
