/**
 * `npm run image:sbom`: the CycloneDX SBOM of the image's dependencies → artifacts/sbom.cdx.json
 * (not committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS_DIR, serviceSbom } from '../index.js';

const sbom = await serviceSbom();
mkdirSync(ARTIFACTS_DIR, { recursive: true });
const output = join(ARTIFACTS_DIR, 'sbom.cdx.json');
writeFileSync(output, `${JSON.stringify(sbom, null, 2)}\n`);
process.stdout.write(
  `wrote ${output}: CycloneDX ${sbom.specVersion}, ${sbom.components?.length ?? 0} components\n`,
);
