/**
 * `npm run image:sbom`: a CycloneDX SBOM of the dependencies the image ships (the service's
 * production dependencies, without dev and optional ones), from the lockfile with npm's own
 * `npm sbom`, written to artifacts/sbom.cdx.json (not committed).
 *
 * npm sbom needs a version on the root package, which this private monorepo root does not have,
 * so it runs on a copy of the manifests (root package.json given the service's version, the
 * lockfile, service/package.json); nothing is installed.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS_DIR, REPOSITORY_ROOT } from '../index.js';
import { runCommand } from '../run-command.js';

const service = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'service/package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const root = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as Record<
  string,
  unknown
>;
const scratch = mkdtempSync(join(tmpdir(), 'slipway-sbom-'));
const project = join(scratch, 'slipway');
try {
  mkdirSync(join(project, 'service'), { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ ...root, version: service.version }, null, 2),
  );
  cpSync(join(REPOSITORY_ROOT, 'package-lock.json'), join(project, 'package-lock.json'));
  cpSync(join(REPOSITORY_ROOT, 'service/package.json'), join(project, 'service/package.json'));
  const { stdout } = await runCommand(
    'npm',
    [
      'sbom',
      '--package-lock-only',
      '--sbom-format=cyclonedx',
      '--sbom-type=application',
      '--omit=dev',
      '--omit=optional',
      `--workspace=${service.name}`,
    ],
    { cwd: project },
  );
  const sbom = JSON.parse(stdout) as { components?: unknown[] };
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const output = join(ARTIFACTS_DIR, 'sbom.cdx.json');
  writeFileSync(output, `${JSON.stringify(sbom, null, 2)}\n`);
  process.stdout.write(`wrote ${output}: CycloneDX, ${sbom.components?.length ?? 0} components\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
