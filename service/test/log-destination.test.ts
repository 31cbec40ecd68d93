import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// JSON log lines are written to stdout in batches (logging/log-destination.ts). Batched must not
// mean lost or late: a quiet process's line still comes out while it runs, and the lines waiting
// when a process ends, however it ends short of SIGKILL, come out before it is gone.
const destination = resolve(import.meta.dirname, '../src/logging/log-destination.ts');
const pinoPath = createRequire(import.meta.url).resolve('pino');
const dir = mkdtempSync(join(tmpdir(), 'slipway-log-destination-'));

const child = `
const { default: pino } = await import(${JSON.stringify(pinoPath)});
const { logDestination } = await import(${JSON.stringify(destination)});
const log = pino({}, await logDestination(false));
const ending = process.argv[2];
log.info({ ending }, 'the last line');
if (ending === 'exit') process.exit(3);
if (ending === 'throw') throw new Error('crashed');
if (ending === 'stays') setTimeout(() => {}, 60_000);
`;

function run(ending: 'exit' | 'throw' | 'stays'): Promise<{ lines: string[]; code: number | null }> {
  const script = join(dir, 'log-once.mjs');
  writeFileSync(script, child);
  return new Promise((done) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', script, ending], {
      cwd: resolve(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let output = '';
    const lines = () => output.split('\n').filter((line) => line.startsWith('{'));
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      // The staying process is stopped once its line is out; a missing line fails by the test timeout.
      if (ending === 'stays' && lines().length > 0) proc.kill('SIGKILL');
    });
    proc.on('close', (code) => done({ lines: lines(), code }));
  });
}

describe('the batched JSON log destination', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['exit' as const, 3],
    ['throw' as const, 1],
  ])('writes the waiting lines when the process ends (%s)', async (ending, code) => {
    const result = await run(ending);
    expect(result.code).toBe(code);
    expect(result.lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ msg: 'the last line', ending }),
    ]);
  });

  it('writes a quiet process’s line while it keeps running', async () => {
    const result = await run('stays');
    expect(result.lines.map((line) => JSON.parse(line).msg)).toEqual(['the last line']);
  }, 20_000);
});
