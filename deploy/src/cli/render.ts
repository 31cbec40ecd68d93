/** `npm run render`: writes deploy/manifests/ from the code (all environments, the waiver report). */
import { relative } from 'node:path';
import { MANIFESTS_DIR } from '../paths.js';
import { RELEASES } from '../releases.js';
import { renderEnvironments } from '../render/environment-manifests.js';
import { manifestFiles } from '../render/manifest-files.js';
import { writeManifests } from '../render/write-manifests.js';

const files = manifestFiles(renderEnvironments(RELEASES));
writeManifests(MANIFESTS_DIR, files);
console.log(`wrote ${files.size} files to ${relative(process.cwd(), MANIFESTS_DIR) || '.'}`);
