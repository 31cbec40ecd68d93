/**
 * The shape of `releases.ts`, its validation and its text (the promote command rewrites the file).
 * The environments that receive released images are the AWS ones (AWS_ENVIRONMENTS); local runs
 * the tag tools/local-cluster builds.
 */
import { AWS_ENVIRONMENTS, type AwsEnvironmentName } from '@slipway/contract';
import type { Releases } from '../environments/index.js';

export type { Releases } from '../environments/index.js';

export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

export function isReleaseEnvironment(value: string): value is AwsEnvironmentName {
  return (AWS_ENVIRONMENTS as readonly string[]).includes(value);
}

/** The whole text of releases.ts for these digests (kept byte-identical to the committed layout). */
export function releasesFileText(releases: Releases): string {
  const entries = AWS_ENVIRONMENTS.map((env) => {
    const digest = releases[env].digest;
    return `  ${env}: { digest: ${digest === UNRELEASED_DIGEST ? 'UNRELEASED' : `'${digest}'`} },`;
  });
  return [
    '/**',
    ' * The image each deployed environment runs, by digest. The pipeline edits this file only through',
    ` * \`npm run promote -- --environment <${AWS_ENVIRONMENTS.join('|')}> --digest sha256:<64 hex>\` (or`,
    ' * `--environment production --from staging`), which rewrites it and re-renders the manifests.',
    ' *',
    ' * UNRELEASED is the all-zero digest: no image has been promoted yet, so no registry holds it and',
    ' * pods would not start (ImagePullBackOff) until the first promotion replaces it.',
    ' */',
    `export const UNRELEASED = '${UNRELEASED_DIGEST}';`,
    '',
    'export const RELEASES = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

export const UNRELEASED_DIGEST = `sha256:${'0'.repeat(64)}`;
