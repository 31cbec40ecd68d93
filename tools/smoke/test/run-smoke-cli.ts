import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sources = join(dirname(fileURLToPath(import.meta.url)), '../src');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout lines that report a check: `PASS  …` or `FAIL  …`. */
  checks: string[];
}

/**
 * Runs a CLI of this workspace (the smoke test by default) as a separate process, as CI does. Asynchronous on purpose: the fake
 * ingress lives in this test process and must keep serving while the CLI runs.
 */
export function runSmokeCli(
  args: string[],
  env: Record<string, string> = {},
  entry: 'cli.ts' | 'load-cli.ts' = 'cli.ts',
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(sources, entry), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const checks = stdout.split('\n').filter((line) => /^(PASS|FAIL) {2}/.test(line));
      resolve({ code, stdout, stderr, checks });
    });
  });
}
