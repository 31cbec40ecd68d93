import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { CpuProfile } from '../src/profile/cpu-profile.js';
import { summariseProfile } from '../src/profile/layer-summary.js';
import { INHERIT, LAYER, layerOf, packageOf } from '../src/profile/layers.js';

const serviceDir = '/repo/service';
const modules = '/repo/node_modules';

it('names the package of a file, scoped or nested', () => {
  expect(packageOf(`${modules}/@fastify/rate-limit/store/LocalStore.js`)).toBe('@fastify/rate-limit');
  expect(packageOf(`${modules}/kysely/node_modules/pg/lib/client.js`)).toBe('pg');
  expect(packageOf(join(serviceDir, 'src/app.ts'))).toBeUndefined();
});

it('puts packages, the service’s folders and V8’s entries in their layers', () => {
  const layer = (source: string, functionName = 'f', lineNumber = 0) =>
    layerOf({ functionName, lineNumber }, source, serviceDir);
  expect(layer(`${modules}/fastify/lib/reply.js`)).toBe(LAYER.fastify);
  expect(layer(`${modules}/pino/lib/proto.js`)).toBe('pino logging');
  expect(layer(`${modules}/@opentelemetry/api/build/src/index.js`)).toBe('tracing (OpenTelemetry)');
  expect(layer(`${modules}/left-pad/index.js`)).toBe('other dependency: left-pad');
  expect(layer(join(serviceDir, 'src/http/request-id.ts'))).toBe('service: http/');
  expect(layer(join(serviceDir, 'src/app.ts'))).toBe('service: app.ts');
  expect(layer(join(serviceDir, 'src/db/node-sqlite-adapter.ts'))).toBe(LAYER.sqlite);
  expect(layer(join(serviceDir, 'dist/chunk-ABC.js'))).toBe(INHERIT);
  expect(layer('node:_http_outgoing')).toBe(LAYER.node);
  expect(layer('node:internal/modules/esm/utils', 'compileSourceTextModule')).toBe(LAYER.modules);
  expect(layer('', '(garbage collector)')).toBe(LAYER.gc);
  expect(layer('', 'writev', -1)).toBe(INHERIT);
  expect(layer('', 'validate11', 2)).toBe(LAYER.ajv);
  expect(layer('', 'anonymous0', 33)).toBe(INHERIT);
});

it('counts Node’s own code for the layer that called it, and for the HTTP server below Fastify', () => {
  // (root) → reply (Fastify) → net write (Node) → writev (native)
  //        → pino → fs write (Node) → writeString (native)
  //        → (idle)
  const frame = (functionName: string, url: string) => ({
    functionName,
    url,
    lineNumber: 0,
    columnNumber: 0,
  });
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 5, 8] },
      { id: 2, callFrame: frame('send', 'fastify-reply'), children: [3] },
      { id: 3, callFrame: frame('_write', 'node:net'), children: [4] },
      { id: 4, callFrame: frame('writev', '') },
      { id: 5, callFrame: frame('LOG', 'pino-proto'), children: [6] },
      { id: 6, callFrame: frame('write', 'node:fs'), children: [7] },
      { id: 7, callFrame: frame('writeString', '') },
      { id: 8, callFrame: frame('(idle)', '') },
    ],
    startTime: 1_000_000,
    samples: [4, 4, 7, 8, 8, 8],
    timeDeltas: [1000, 1000, 2000, 5000, 5000, 5000],
  };
  const sources: Record<string, string> = {
    'fastify-reply': `${modules}/fastify/lib/reply.js`,
    'pino-proto': `${modules}/pino/lib/proto.js`,
  };
  const summary = summariseProfile(profile, { locate: (f) => sources[f.url] ?? f.url, serviceDir });
  expect(summary.layers).toEqual([
    { layer: LAYER.node, ms: 2, share: 0.5 },
    { layer: 'pino logging', ms: 2, share: 0.5 },
  ]);
  expect(summary.idleMs).toBe(15);
  expect(summary.busyMs).toBe(4);

  // Only the samples taken in the window count (the clock starts at startTime).
  const window = { fromUs: 1_002_000, toUs: 1_009_000 };
  const windowed = summariseProfile(profile, { locate: (f) => sources[f.url] ?? f.url, serviceDir, window });
  expect(windowed.layers.map((l) => [l.layer, l.ms])).toEqual([
    ['pino logging', 2],
    [LAYER.node, 1],
  ]);
  expect(windowed.idleMs).toBe(5);
});
