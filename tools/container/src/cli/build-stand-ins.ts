/**
 * `npm run stand-ins -w @slipway/container`: TEST HARNESS ONLY. Builds the local stand-ins of the
 * official base images (FORCE=1 rebuilds them). Production pulls the official images.
 */
import { ensureStandInBaseImages } from '../index.js';

process.env.SLIPWAY_BUILD_VERBOSE ??= '1';
const images = await ensureStandInBaseImages();
process.stdout.write(`stand-in base images ready: ${images.build}, ${images.runtime}\n`);
