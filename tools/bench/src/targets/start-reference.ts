/**
 * What a start of the service is compared with: bare Fastify with one route, bundled by esbuild in
 * the same shape as the service's bundle (one ESM file, Node 24 target), started by plain `node` on
 * the server CPU. Running it through tsx, as the load peers run, would add tsx's own loading to
 * the reference; Node's built-in type stripping costs about 100 ms more at start. A bundle runs
 * neither.
 */
import { join } from 'node:path';
import { PATHS } from '@slipway/contract';
import { buildSync } from 'esbuild';
import type { TargetLaunch } from './target-process.js';

const SOURCE = join(import.meta.dirname, 'servers', 'fastify-hello-server.ts');

/** Bundles the reference server into `workDir` and returns the bundle's path. */
export function buildStartReference(workDir: string): string {
  const outfile = join(workDir, 'fastify-hello-server.mjs');
  buildSync({
    entryPoints: [SOURCE],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    // As in the service's bundle: CommonJS dependencies call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __referenceRequire } from 'node:module'; const require = __referenceRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}

export function startReferenceLaunch(bundle: string, cpu: number, port: number): TargetLaunch {
  return {
    name: 'bare Fastify (start reference)',
    cpu,
    nodeArgs: [bundle, JSON.stringify({ port })],
    env: { PATH: process.env.PATH ?? '' },
    port,
    readyPath: PATHS.root,
    readyStatus: 200,
  };
}
