import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PATHS } from '@slipway/contract';
import { describeWithTool, freePort, toolAvailable, waitForHttp } from '@slipway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` runs service/scripts/start.mjs; these tests run that script as a developer would,
// with an .env file and no HOST, DRAIN or LOG settings of their own.
const serviceDir = join(import.meta.dirname, '..');
const startScript = join(serviceDir, 'scripts/start.mjs');

interface Started {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

function start(command: string, args: string[], env: Record<string, string>): Started {
  const child = spawn(command, args, {
    cwd: serviceDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => output.push(...chunk.split(/\r?\n/).filter(Boolean)));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

describe('npm start on a laptop', () => {
  let dir: string;
  let envFile: string;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-start-'));
    envFile = join(dir, '.env');
    port = await freePort();
    writeFileSync(
      envFile,
      [
        `PORT=${port}`,
        `METRICS_PORT=${await freePort()}`,
        `SQLITE_PATH=${join(dir, 'slipway.db')}`,
        '# as many operators write it',
        'LOG_LEVEL=INFO',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads .env (the environment wins), serves on loopback from the bundle, logs JSON to a pipe and stops at once on Ctrl+C', async () => {
    const metricsPort = await freePort();
    const service = start(process.execPath, [startScript, envFile], { METRICS_PORT: String(metricsPort) });
    try {
      await waitForHttp(`http://127.0.0.1:${port}${PATHS.readiness}`, { timeoutMs: 60_000 });
      expect((await fetch(`http://127.0.0.1:${metricsPort}${PATHS.metrics}`)).status).toBe(200);
    } finally {
      process.kill(service.child.pid ?? 0, 'SIGINT');
    }
    expect(await service.exited).toBe(0);

    const lines = service.output.filter((line) => !line.startsWith('built dist/'));
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(expect.objectContaining({ url: `http://127.0.0.1:${port}` }));
    expect(entries).toContainEqual(expect.objectContaining({ signal: 'SIGINT', drainSeconds: 0 }));
    expect(entries.at(-1)).toMatchObject({ msg: 'shutdown complete' });
  });

  it('names the busy port and the variable to change, in one line', async () => {
    const squatter = createServer().listen(port, '127.0.0.1');
    await once(squatter, 'listening');
    try {
      const service = start(process.execPath, [startScript, envFile], {});
      expect(await service.exited).toBe(1);
      const errors = service.output.filter(
        (line) => !line.startsWith('{') && !line.startsWith('built dist/'),
      );
      expect(errors).toEqual([
        `slipway cannot start: port ${port} on 127.0.0.1 is already in use: stop the process using it or set PORT to a free port`,
      ]);
    } finally {
      squatter.close();
    }
  });

  describeWithTool(
    'in a terminal',
    {
      available: toolAvailable('script', ['--version']),
      reason: 'util-linux `script` (a pseudo-terminal) is missing',
    },
    () => {
      it('writes human-readable log lines instead of JSON', async () => {
        const command = `${process.execPath} ${startScript} ${envFile}`;
        const service = start('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
          TERM: 'xterm',
        });
        try {
          await waitForHttp(`http://127.0.0.1:${port}${PATHS.readiness}`, { timeoutMs: 60_000 });
        } finally {
          process.kill(-(service.child.pid ?? 0), 'SIGINT');
        }
        await service.exited;
        const text = service.output.join('\n');
        expect(text).toMatch(/INFO.*ready/);
        expect(service.output.filter((line) => line.startsWith('{"level"'))).toEqual([]);
      });
    },
  );
});
