/** `npm run render`: writes deploy/manifests/ from the code (all environments, the waiver report). */
import { relative } from 'node:path';
import { MANIFESTS_DIR } from '../paths.js';
import { manifestFiles, renderEnvironments } from '../render/manifest-files.js';
import { writeManifests } from '../render/write-manifests.js';

const files = manifestFiles(renderEnvironments());
writeManifests(MANIFESTS_DIR, files);
console.log(`wrote ${files.size} files to ${relative(process.cwd(), MANIFESTS_DIR) || '.'}`);
