/** Regenerates src/openapi.generated.d.ts from the document the real service serves. */
import { writeFileSync } from 'node:fs';
import { PATHS } from '@slipway/contract';
import { startServiceProcess } from '@slipway/testing';
import { CLIENT_TYPES_FILE, renderClientTypes } from '../client-types.js';

const service = await startServiceProcess();
try {
  const document = (await (await fetch(`${service.url}${PATHS.openapi}`)).json()) as object;
  writeFileSync(CLIENT_TYPES_FILE, await renderClientTypes(document));
  console.log(`wrote ${CLIENT_TYPES_FILE.pathname}`);
} finally {
  await service.stop();
}
