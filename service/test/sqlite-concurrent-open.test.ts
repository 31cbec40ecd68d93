import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Several processes opening one SQLite file at the same moment (two local instances, or
// `npm run migrate` beside `npm start`): switching a fresh file to WAL takes a lock for a moment,
// and a process that meets it must wait (busy_timeout), not fail to start with "database is locked".
const PROCESSES = 8;
const sourceRoot = resolve(import.meta.dirname, '../src');
const dir = mkdtempSync(join(tmpdir(), 'slipway-sqlite-open-'));

// Loads everything first, then opens the database at the agreed moment.
const child = `
const { loadConfig } = await import(${JSON.stringify(join(sourceRoot, 'config/index.ts'))});
const { createDatabase } = await import(${JSON.stringify(join(sourceRoot, 'db/database.ts'))});
const at = Number(process.argv[3]);
while (Date.now() < at) {}
try {
  const database = await createDatabase(loadConfig({ SQLITE_PATH: process.argv[2] }));
  await database.ping();
  await database.close();
  console.log('opened');
} catch (error) {
  console.log(error.message);
}
`;

function openAt(path: string, at: number): Promise<string> {
  return new Promise((done) => {
    const script = join(dir, 'open.mjs');
    const proc = spawn(process.execPath, ['--import', 'tsx', script, path, String(at)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (chunk) => {
      output += chunk;
    });
    proc.stderr.on('data', (chunk) => {
      output += chunk;
    });
    proc.on('close', () => done(output.trim()));
  });
}

describe('several processes opening one new SQLite file at once', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every one of them opens it', async () => {
    writeFileSync(join(dir, 'open.mjs'), child);
    const path = join(dir, 'shared.db');
    // Far enough ahead for every process to have loaded the modules.
    const at = Date.now() + 6_000;
    const outcomes = await Promise.all(Array.from({ length: PROCESSES }, () => openAt(path, at)));
    expect(outcomes).toEqual(Array(PROCESSES).fill('opened'));
  });
});
