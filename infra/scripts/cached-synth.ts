/**
 * The app as the real `cdk synth` CLI produces it (offline, nag + guard), shared by every test
 * file here and by the cross-layer checks in tools/: synthesis with the policy checks takes tens
 * of seconds (minutes on a busy machine), so it runs once per set of inputs.
 * The output directory is keyed by a hash of everything that shapes it (infra sources, cdk.json,
 * guard rules, the contract, the lockfile, the Node version); the first test worker
 * to need it synthesizes under a lock, the others wait and read the same files.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EnvironmentConfig } from '../src/config/environment-config.js';
import { type StackPart, stackName } from '../src/config/naming.js';

export type { StackPart } from '../src/config/naming.js';

export const INFRA_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_DIR = dirname(INFRA_DIR);
const INPUTS = [
  'infra/src',
  'infra/bin',
  'infra/scripts',
  'infra/guard-rules',
  'infra/cdk.json',
  'infra/package.json',
  'contract/src',
  'package-lock.json',
];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => filesUnder(join(path, entry)));
}

function inputsHash(): string {
  const hash = createHash('sha256').update(process.version);
  for (const file of INPUTS.flatMap((input) => filesUnder(join(REPO_DIR, input)))) {
    hash.update(relative(REPO_DIR, file)).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

export interface SynthResult {
  outdir: string;
  /** Exit status and output of the CLI run (null status when the cache was reused). */
  cli: { status: number | null; output: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `npm run synth` (the real CLI, offline) into `outdir`. */
export function runCliSynth(outdir: string): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(INFRA_DIR, 'scripts/cdk-command.ts'), 'synth', '--output', outdir],
    { cwd: INFRA_DIR, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' }, timeout: 300_000 },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Longest a test file waits for the shared synth (a cold synth takes 30–60 s on 2 busy cores). */
export const SYNTH_TIMEOUT_MS = 300_000;

let pending: Promise<SynthResult> | undefined;

export function synthesizedAssembly(): Promise<SynthResult> {
  pending ??= synthesizeOnce();
  return pending;
}

async function synthesizeOnce(): Promise<SynthResult> {
  const outdir = join(tmpdir(), `slipway-infra-synth-${inputsHash()}`);
  const lock = `${outdir}.lock`;
  const deadline = Date.now() + 280_000;
  while (!existsSync(join(outdir, 'manifest.json'))) {
    let fd: number | undefined;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      // Another worker is synthesizing; a lock older than the deadline is left from a crash.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 300_000)
        rmSync(lock, { force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${outdir} (lock ${lock})`);
      await sleep(500);
      continue;
    }
    try {
      const staging = `${outdir}.${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      const cli = runCliSynth(staging);
      if (cli.status !== 0) throw new Error(`cdk synth failed (exit ${cli.status}):\n${cli.output}`);
      renameSync(staging, outdir);
      removeStaleOutputs(outdir);
      return { outdir, cli };
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
  return { outdir, cli: { status: null, output: '' } };
}

/** Earlier synths (other inputs) are ~40 MB each, mostly the kubectl layer: keep only recent ones. */
function removeStaleOutputs(current: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const entry of readdirSync(tmpdir())) {
    const path = join(tmpdir(), entry);
    if (!entry.startsWith('slipway-infra-synth-') || path === current || entry.endsWith('.lock')) continue;
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat && stat.mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
  }
}

/** The synthesized CloudFormation template of one stack, as plain JSON. */
export async function stackTemplate(
  env: Pick<EnvironmentConfig, 'names'>,
  part: StackPart,
): Promise<StackTemplateJson> {
  const { outdir } = await synthesizedAssembly();
  return JSON.parse(readFileSync(join(outdir, `${stackName(env, part)}.template.json`), 'utf8'));
}

export interface StackTemplateJson {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;
}
