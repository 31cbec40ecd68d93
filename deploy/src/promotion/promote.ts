/**
 * Promotion: set the image digest of one environment in releases.ts and re-render its manifests.
 * The pipeline runs `npm run promote -- --environment staging --digest sha256:<64 hex>` after an
 * image is pushed, and `npm run promote -- --environment production --from staging` in the
 * production promotion pull request, so production only ever gets a digest staging ran.
 */
import { parseArgs } from 'node:util';
import { AWS_ENVIRONMENTS, type AwsEnvironmentName } from '@slipway/contract';
import { DIGEST_PATTERN, isReleaseEnvironment, type Releases, UNRELEASED_DIGEST } from './releases-schema.js';

export class PromotionError extends Error {}

export interface PromotionRequest {
  environment: AwsEnvironmentName;
  digest: string;
  /** Where the digest came from, for the summary line. */
  source: string;
}

export const USAGE = [
  `usage: npm run promote -- --environment <${AWS_ENVIRONMENTS.join('|')}> --digest sha256:<64 hex>`,
  '       npm run promote -- --environment production --from staging',
].join('\n');

function digestProblem(digest: string): string | undefined {
  if (DIGEST_PATTERN.test(digest)) return undefined;
  if (/^[0-9a-fA-F]{64}$/.test(digest)) return 'it lacks the "sha256:" prefix';
  if (/^sha256:[0-9a-fA-F]{64}$/.test(digest)) return 'the hex must be lowercase';
  if (digest.includes('@')) return 'pass only the digest, not image@digest';
  if (digest.startsWith('sha256:')) return `the hex part must be 64 characters (got ${digest.length - 7})`;
  return 'a digest looks like sha256:<64 lowercase hex characters>, as printed by the image push';
}

/** Parses and validates the arguments against the current releases; throws PromotionError. */
export function promotionRequest(argv: string[], current: Releases): PromotionRequest {
  let values: { environment?: string; digest?: string; from?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { environment: { type: 'string' }, digest: { type: 'string' }, from: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new PromotionError(`${(error as Error).message}\n${USAGE}`);
  }
  const { environment, digest, from } = values;
  if (!environment) throw new PromotionError(`missing --environment\n${USAGE}`);
  if (!isReleaseEnvironment(environment)) {
    throw new PromotionError(
      `--environment must be one of ${AWS_ENVIRONMENTS.join(', ')} (got "${environment}"); local runs the image built by tools/local-cluster`,
    );
  }
  if (digest !== undefined && from !== undefined)
    throw new PromotionError(`pass either --digest or --from, not both\n${USAGE}`);
  if (digest === undefined && from === undefined)
    throw new PromotionError(`pass --digest sha256:<64 hex> or --from staging\n${USAGE}`);
  if (digest !== undefined) {
    const problem = digestProblem(digest);
    if (problem) throw new PromotionError(`--digest "${digest}" is not an image digest: ${problem}`);
    return { environment, digest, source: 'the pipeline' };
  }
  if (from !== 'staging' || environment !== 'production') {
    throw new PromotionError(
      `--from copies staging's verified digest into production: use --environment production --from staging (got --environment ${environment} --from ${from})`,
    );
  }
  const staged = current.staging.digest;
  if (staged === UNRELEASED_DIGEST) {
    throw new PromotionError(
      'staging has no released image yet: promote a digest to staging first (--environment staging --digest ...)',
    );
  }
  return { environment, digest: staged, source: 'staging' };
}

export function applyPromotion(current: Releases, request: PromotionRequest): Releases {
  return { ...current, [request.environment]: { digest: request.digest } };
}
