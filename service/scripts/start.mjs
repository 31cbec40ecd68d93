/**
 * `npm start`: loads the repository's `.env` (or the file given as the first argument) when there
 * is one, with variables already in the environment winning; rebuilds the esbuild bundle only when a source file changed
 * since it was built, and runs it. Running the bundle instead of compiling TypeScript on every
 * start is what makes the service ready in about a second instead of six (`npm run dev` keeps a watch mode).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// V8 keeps the compiled bundle on disk (in the OS temp folder), so a second start skips parsing it.
enableCompileCache();

const serviceDir = fileURLToPath(new URL('..', import.meta.url));
// The root `npm start` runs this file directly (one npm process instead of two); relative paths
// such as the default SQLITE_PATH stay relative to the service folder, as under `npm start -w`.
process.chdir(serviceDir);
const distDir = join(serviceDir, 'dist');
const metafilePath = join(distDir, 'meta.json');

const envFile = process.argv[2] ?? fileURLToPath(new URL('../../.env', import.meta.url));
if (existsSync(envFile)) process.loadEnvFile(envFile);

const serverBundle = join(distDir, 'server.js');

function bundleIsStale() {
  if (!existsSync(serverBundle) || !existsSync(metafilePath)) return true;
  const builtAt = statSync(serverBundle).mtimeMs;
  const { inputs } = JSON.parse(readFileSync(metafilePath, 'utf8'));
  return inputs.some((input) => {
    const path = resolve(serviceDir, input);
    return !existsSync(path) || statSync(path).mtimeMs > builtAt;
  });
}

if (bundleIsStale()) {
  const started = performance.now();
  const { bundle } = await import('./bundle.mjs');
  await bundle();
  process.stderr.write(`built dist/ in ${Math.round(performance.now() - started)} ms (sources changed)\n`);
}
await import(pathToFileURL(serverBundle).href);
