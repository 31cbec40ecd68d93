/**
 * The image each deployed environment runs, by digest. The pipeline edits this file only through
 * `npm run promote -- --environment <staging|production> --digest sha256:<64 hex>` (or
 * `--environment production --from staging`), which rewrites it and re-renders the manifests.
 *
 * UNRELEASED is the all-zero digest: no image has been promoted yet, so no registry holds it and
 * pods would not start (ImagePullBackOff) until the first promotion replaces it.
 */
export const UNRELEASED = 'sha256:0000000000000000000000000000000000000000000000000000000000000000';

export const RELEASES = {
  staging: { digest: UNRELEASED },
  production: { digest: UNRELEASED },
};
