/**
 * The layers a request's CPU time is split into, and which source belongs to which. A package not
 * listed here shows up under its own name, so nothing is silently folded into a neighbour.
 */
import { relative, sep } from 'node:path';
import { REPOSITORY_ROOT } from '../machine/repository-paths.js';

/** Idle time: the server waited for work. Left out of the shares. */
export const IDLE = 'idle';
/** Taken from the nearest caller that has a layer (native code, helpers shared by several layers). */
export const INHERIT = 'inherit';

export const LAYER = {
  gc: 'GC (V8 garbage collector)',
  v8: 'V8 and native code, no JS caller',
  node: 'Node.js core: HTTP server, sockets, event loop',
  modules: 'Node.js module loading: reading, compiling and linking the bundle and Node’s own modules',
  fastify: 'Fastify core (routing, hooks, request, reply, serialisation)',
  ajv: 'schema validation (Ajv)',
  sqlite: 'SQLite driver (node:sqlite, through the service’s db/node-sqlite-adapter.ts)',
} as const;

const PACKAGE_LAYERS: [layer: string, packages: string[]][] = [
  [
    LAYER.fastify,
    [
      'fastify',
      'find-my-way',
      'avvio',
      'fastq',
      'reusify',
      'light-my-request',
      'fast-json-stringify',
      '@fastify/fast-json-stringify-compiler',
      '@fastify/error',
      '@fastify/proxy-addr',
      '@fastify/forwarded',
      'ipaddr.js',
      'fast-querystring',
      'fast-decode-uri-component',
      'secure-json-parse',
      'safe-regex2',
      'ret',
      'rfdc',
      'abstract-logging',
      'process-warning',
      'fastify-plugin',
      'json-schema-ref-resolver',
      '@fastify/merge-json-schemas',
      'dequal',
      'semver',
    ],
  ],
  [
    LAYER.ajv,
    ['ajv', 'ajv-formats', '@fastify/ajv-compiler', 'fast-deep-equal', 'json-schema-traverse', 'fast-uri'],
  ],
  [
    'pino logging',
    [
      'pino',
      'pino-std-serializers',
      'sonic-boom',
      'thread-stream',
      '@pinojs/redact',
      'fast-redact',
      'quick-format-unescaped',
      'atomic-sleep',
      'on-exit-leak-free',
      'safe-stable-stringify',
      'real-require',
    ],
  ],
  ['prom-client metrics', ['prom-client', 'tdigest', 'bintrees']],
  ['rate limit (@fastify/rate-limit)', ['@fastify/rate-limit']],
  ['load shedding (@fastify/under-pressure)', ['@fastify/under-pressure']],
  ['security headers (helmet)', ['helmet', '@fastify/helmet']],
  ['Kysely', ['kysely']],
  [
    'PostgreSQL driver (pg)',
    [
      'pg',
      'pg-pool',
      'pg-protocol',
      'pg-types',
      'pg-connection-string',
      'pgpass',
      'pg-int8',
      'postgres-array',
      'postgres-bytea',
      'postgres-date',
      'postgres-interval',
      'split2',
    ],
  ],
  ['tracing (OpenTelemetry)', ['@opentelemetry/*', '@fastify/otel']],
  ['uuid', ['uuid']],
  ['TypeBox', ['typebox']],
  // An LRU cache used by both Fastify and the rate limiter: its time belongs to whichever called it.
  [INHERIT, ['toad-cache']],
];

const layerByPackage = new Map(
  PACKAGE_LAYERS.flatMap(([layer, packages]) => packages.map((p) => [p, layer])),
);

/** `…/node_modules/@scope/name/lib/x.js` → `@scope/name` (the innermost node_modules). */
export function packageOf(path: string): string | undefined {
  const marker = `${sep}node_modules${sep}`;
  const at = path.lastIndexOf(marker);
  if (at === -1) return undefined;
  const parts = path.slice(at + marker.length).split(sep);
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

function packageLayer(name: string): string {
  const scopeWide = name.startsWith('@') ? layerByPackage.get(`${name.split('/')[0]}/*`) : undefined;
  return layerByPackage.get(name) ?? scopeWide ?? `other dependency: ${name}`;
}

/**
 * The layer of a frame, from its function name and its source (see source-locator.ts): a
 * `node:` URL, a file path, or empty for V8's own entries.
 */
export function layerOf(
  frame: { functionName: string; lineNumber: number },
  source: string,
  serviceDir: string,
): string {
  const { functionName } = frame;
  if (source === '') {
    if (functionName === '(garbage collector)') return LAYER.gc;
    if (functionName === '(idle)') return IDLE;
    if (functionName === '(program)') return LAYER.v8;
    // Code compiled at run time (new Function) has a position but no file: Ajv's validators are
    // named validateN, whoever calls them; fast-json-stringify's serialisers belong to their caller.
    if (frame.lineNumber >= 0 && /^validate\d+$/.test(functionName)) return LAYER.ajv;
    // Built-ins and native functions: their time is their caller's.
    return INHERIT;
  }
  // At start: Node's loader reading and compiling the bundle's files, and its own modules on first use.
  if (source.startsWith('node:internal/modules/') || source.startsWith('node:internal/bootstrap/')) {
    return LAYER.modules;
  }
  if (source.startsWith('node:')) return LAYER.node;
  const dependency = packageOf(source);
  if (dependency !== undefined) return packageLayer(dependency);
  const inService = relative(serviceDir, source).split(sep);
  // Bundle code without a source: esbuild's module helpers (__require, __esm), run for their caller.
  if (inService[0] === 'dist') return INHERIT;
  if (inService[0] === 'src') {
    // node:sqlite runs inside these few calls: V8 does not show native API calls as frames of their own.
    if (inService.join('/') === 'src/db/node-sqlite-adapter.ts') return LAYER.sqlite;
    return inService.length > 2 ? `service: ${inService[1]}/` : `service: ${inService[1]}`;
  }
  if (relative(REPOSITORY_ROOT, source).startsWith(`contract${sep}`)) return '@slipway/contract';
  return `other: ${source}`;
}
