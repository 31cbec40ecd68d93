/**
 * `npm run bench:image`: the image's figures (uncompressed and compressed size, layers, median
 * container start → /readyz 200 over 5 runs), printed and written to the image section of
 * docs/benchmarks.md. A benchmark, not a test: targets are reported, not asserted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { CONTAINER, HTTP_PORT, METRICS_PORT, PATHS } from '@slipway/contract';
import { freePort, waitForHttp } from '@slipway/testing';
import {
  baseImageSource,
  compressedImageSize,
  containerLogs,
  createVolume,
  detectEngine,
  engine,
  ensureServiceImage,
  hardenedRunOptions,
  inspectImage,
  REPOSITORY_ROOT,
  removeContainer,
  removeVolume,
  runContainer,
} from '../index.js';

const RUNS = 5;
const TARGET_UNCOMPRESSED_MB = 160;
const TARGET_START_MS = 1000;
const BENCHMARKS_FILE = join(REPOSITORY_ROOT, 'docs/benchmarks.md');
const START_MARKER = '<!-- bench:image:start -->';
const END_MARKER = '<!-- bench:image:end -->';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Start → /readyz 200 as a client sees it, and the service's own startup time from its log. */
async function startToReady(image: string): Promise<{ totalMs: number; serviceMs: number }> {
  const volume = await createVolume();
  const [httpPort, metricsPort] = [await freePort(), await freePort()];
  const started = performance.now();
  const container = await runContainer({
    image,
    ...hardenedRunOptions(),
    volumes: [`${volume}:${CONTAINER.dataDir}`],
    ports: [
      { container: HTTP_PORT, host: httpPort },
      { container: METRICS_PORT, host: metricsPort },
    ],
    env: { LOG_LEVEL: 'info' },
  });
  try {
    await waitForHttp(`http://127.0.0.1:${httpPort}${PATHS.readiness}`, {
      timeoutMs: 30_000,
      intervalMs: 10,
    });
    const totalMs = performance.now() - started;
    // The service logs `startupMs` (process start → ready) on its "ready" line.
    const serviceMs = Number((await containerLogs(container.id)).match(/"startupMs":(\d+)/)?.[1]);
    return { totalMs, serviceMs };
  } finally {
    await removeContainer(container.id);
    await removeVolume(volume);
  }
}

const { command } = await detectEngine();
const image = await ensureServiceImage();
const bases = await baseImageSource();
const facts = await inspectImage(image);
const compressed = await compressedImageSize(image);
const runs: Array<{ totalMs: number; serviceMs: number }> = [];
for (let run = 0; run < RUNS; run++) runs.push(await startToReady(image));
const overheads: number[] = [];
for (let run = 0; run < RUNS; run++) overheads.push(await engineOverheadMs(image));
const load = loadavg()[0]?.toFixed(1);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** What the engine alone costs: a hardened `run --rm` of Node doing nothing. */
async function engineOverheadMs(image: string): Promise<number> {
  const started = performance.now();
  const hardened = hardenedRunOptions();
  await engine([
    'run',
    '--rm',
    '--read-only',
    '--user',
    hardened.user,
    '--cap-drop=ALL',
    '--security-opt',
    'no-new-privileges',
    image,
    '-e',
    '0',
  ]);
  return performance.now() - started;
}

const baseNote =
  bases === 'stand-in'
    ? 'on the local stand-in base images of tools/container: the official distroless base may differ in size'
    : 'on the official base images';
const section = [
  START_MARKER,
  `Command: \`npm run bench:image\` (${command}, ${baseNote}; measured ${new Date().toISOString().slice(0, 10)}).`,
  '',
  '| figure | value | target |',
  '| --- | --- | --- |',
  `| image size, uncompressed | ${mb(facts.size)} MB | ≤ ${TARGET_UNCOMPRESSED_MB} MB |`,
  `| image size, compressed (config + gzipped layers) | ${mb(compressed)} MB | |`,
  `| layers | ${facts.layers} | |`,
  `| container start → \`${PATHS.readiness}\` 200, median of ${RUNS} | ${Math.round(median(runs.map((r) => r.totalMs)))} ms | ≤ ${TARGET_START_MS} ms |`,
  `| of which the service itself (process start → ready, its \`startupMs\` log field), median | ${Math.round(median(runs.map((r) => r.serviceMs)))} ms | |`,
  `| for comparison: \`${command} run --rm\` of Node doing nothing, median of ${RUNS} | ${Math.round(median(overheads))} ms | |`,
  '',
  `Start → ready runs (ms): ${runs.map((r) => Math.round(r.totalMs)).join(', ')}. Each run: \`${command} run -d\` with the hardened flags and a fresh volume, then \`${PATHS.readiness}\` polled every 10 ms. Load average when measured: ${load} on ${cpus().length} cores (other work on the machine inflates these times).`,
  END_MARKER,
].join('\n');

process.stdout.write(`${section}\n`);
const current = readFileSync(BENCHMARKS_FILE, 'utf8');
const from = current.indexOf(START_MARKER);
const to = current.indexOf(END_MARKER);
if (from < 0 || to < from) {
  throw new Error(
    `${BENCHMARKS_FILE}: markers ${START_MARKER} … ${END_MARKER} not found; add them where the figures belong`,
  );
}
writeFileSync(BENCHMARKS_FILE, current.slice(0, from) + section + current.slice(to + END_MARKER.length));
process.stdout.write(`written to ${BENCHMARKS_FILE}\n`);
