/**
 * `npm run image:build`: builds the service image (stand-in base images first with podman, when
 * missing) and prints its reference.
 */
import { detectEngine, ensureServiceImage, inspectImage } from '../index.js';

process.env.SLIPWAY_BUILD_VERBOSE ??= '1';
const started = performance.now();
const { command } = await detectEngine();
const image = await ensureServiceImage();
const facts = await inspectImage(image);
process.stdout.write(
  `built ${image} with ${command} in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
    `(${(facts.size / 1e6).toFixed(1)} MB, ${facts.layers} layers)\n` +
    `run it: ${command} run --rm --read-only --tmpfs /tmp -v slipway-data:/data -p 127.0.0.1:8080:8080 ${image}\n`,
);
