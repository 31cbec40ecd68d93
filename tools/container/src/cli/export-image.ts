/**
 * `npm run image:export`: builds the image if needed and saves it as an OCI archive,
 * artifacts/slipway-image.oci.tar (not committed), for `skopeo inspect oci-archive:…`, scanners
 * or a later push.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS_DIR, ensureServiceImage, saveOciArchive } from '../index.js';

const image = await ensureServiceImage();
mkdirSync(ARTIFACTS_DIR, { recursive: true });
const output = join(ARTIFACTS_DIR, 'slipway-image.oci.tar');
rmSync(output, { force: true });
await saveOciArchive(image, output);
process.stdout.write(`wrote ${output} (${(statSync(output).size / 1e6).toFixed(1)} MB) from ${image}\n`);
