/**
 * `npm run promote -- --environment <env> --digest sha256:...` (see src/promotion/promote.ts).
 * SLIPWAY_RELEASES_FILE and SLIPWAY_MANIFESTS_DIR point it at a copy (the tests use them).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { MANIFESTS_DIR, RELEASES_FILE } from '../paths.js';
import { applyPromotion, PromotionError, promotionRequest } from '../promotion/promote.js';
import { type Releases, releasesFileText } from '../promotion/releases-schema.js';
import { renderEnvironments } from '../render/environment-manifests.js';
import { manifestFiles } from '../render/manifest-files.js';
import { writeManifests } from '../render/write-manifests.js';

const releasesFile = process.env.SLIPWAY_RELEASES_FILE ?? RELEASES_FILE;
const manifestsDir = process.env.SLIPWAY_MANIFESTS_DIR ?? MANIFESTS_DIR;

try {
  const { RELEASES } = (await import(pathToFileURL(releasesFile).href)) as { RELEASES: Releases };
  const request = promotionRequest(process.argv.slice(2), RELEASES);
  const previous = RELEASES[request.environment].digest;
  if (previous === request.digest) {
    console.log(`${request.environment} already runs ${request.digest}; nothing changed`);
  } else {
    const releases = applyPromotion(RELEASES, request);
    writeFileSync(releasesFile, releasesFileText(releases));
    writeManifests(manifestsDir, manifestFiles(renderEnvironments(releases)));
    console.log(
      `${request.environment}: ${previous} -> ${request.digest} (from ${request.source}); releases.ts and deploy/manifests updated`,
    );
  }
} catch (error) {
  if (!(error instanceof PromotionError)) throw error;
  console.error(`promote: ${error.message}`);
  process.exitCode = 2;
}
