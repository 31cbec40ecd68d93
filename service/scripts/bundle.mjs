/**
 * Builds dist/ for the image, `npm start` and the benchmark: one ESM bundle per entry point
 * (server, migrate) plus shared chunks. Loading one file instead of a few thousand module files cuts
 * the service's start time by more than half (see docs/benchmarks.md); `tsc` still type-checks
 * everything. dist/meta.json lists the bundle's inputs, so `npm start` can tell a stale bundle.
 *
 * Left out of the bundle, and loaded from node_modules: pg-native (an optional pg backend this
 * service does not use) and @fastify/swagger-ui, which serves its static files from its own
 * package folder.
 */
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const serviceDir = fileURLToPath(new URL('..', import.meta.url));
export const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
export const metafilePath = `${distDir}meta.json`;

/**
 * `sourcemap`: also write a .map beside each file (`node scripts/bundle.mjs --sourcemap`), so a CPU
 * profile of the bundle can be traced back to source files; the generated code is the same.
 */
export async function bundle({ sourcemap = false } = {}) {
  await rm(distDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: serviceDir,
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
    metafile: true,
    sourcemap,
    logLevel: 'warning',
  });
  await writeFile(metafilePath, JSON.stringify({ inputs: Object.keys(result.metafile.inputs) }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle({ sourcemap: process.argv.includes('--sourcemap') });
}
