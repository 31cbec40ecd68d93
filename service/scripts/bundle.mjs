/**
 * Builds dist/ for the image and the benchmark: one ESM bundle per entry point (server, migrate)
 * plus shared chunks. Loading one file instead of a few thousand module files cuts the service's
 * start time by more than half (see docs/benchmarks.md); `tsc` still type-checks everything.
 *
 * Left out of the bundle, and loaded from node_modules: pg-native (an optional pg backend this
 * service does not use) and @fastify/swagger-ui, which serves its static files from its own
 * package folder.
 */
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';

const serviceDir = new URL('..', import.meta.url);
await rm(new URL('dist', serviceDir), { recursive: true, force: true });
await build({
  absWorkingDir: serviceDir.pathname,
  entryPoints: ['src/server.ts', 'src/migrate.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  external: ['pg-native', '@fastify/swagger-ui'],
  // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
