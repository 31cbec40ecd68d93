/**
 * `npm run bench`: builds the service, starts it (compiled, full production middleware: request
 * logging, metrics, security headers, rate limiting with its limit above the offered load) on
 * SQLite and on PostgreSQL, drives it with autocannon on loopback next to a raw node:http server
 * measured in the same run, and writes the table into docs/benchmarks.md.
 */
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { PATHS } from '@slipway/contract';
import { freePort, loopbackServiceEnv, startPostgres, waitForHttp } from '@slipway/testing';
import { type LoadResult, runLoad } from './load-scenarios.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const serviceDir = join(import.meta.dirname, '..');
const repositoryRoot = join(serviceDir, '..');

interface Row {
  target: string;
  scenario: string;
  result: LoadResult;
}

function residentMemoryMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function startService(env: Record<string, string>) {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: serviceDir,
    env: {
      ...loopbackServiceEnv(port, metricsPort),
      LOG_LEVEL: 'info',
      RATE_LIMIT_MAX: '100000000',
      SHUTDOWN_DRAIN_SECONDS: '0',
      API_TOKENS: 'bench-token',
      SECRET_KEY: 'bench-secret-key',
      ...env,
    },
    // Request logs are written (the cost is real) but not kept.
    stdio: ['ignore', openSync('/dev/null', 'w'), 'inherit'],
  });
  await waitForHttp(`http://127.0.0.1:${port}${PATHS.readiness}`, { intervalMs: 2 });
  return { child, url: `http://127.0.0.1:${port}`, startMs: performance.now() - started };
}

async function benchService(target: string, env: Record<string, string>, rows: Row[]) {
  const { child, url, startMs } = await startService(env);
  const auth = { authorization: 'Bearer bench-token', 'content-type': 'application/json' };
  const created = await fetch(`${url}/api/users`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ dni: 'BENCH0', name: 'Bench User' }),
  });
  const { id } = (await created.json()) as { id: string };
  let counter = 0;
  const scenarios: [string, Parameters<typeof runLoad>[0]][] = [
    [
      `GET ${PATHS.users}/:id`,
      { url: `${url}/api/users/${id}`, connections: CONNECTIONS, durationSeconds: DURATION_SECONDS },
    ],
    [
      `POST ${PATHS.users}`,
      {
        url: `${url}/api/users`,
        method: 'POST',
        headers: auth,
        body: () =>
          JSON.stringify({ dni: `B${process.pid % 100}-${(counter++).toString(36)}`, name: 'Load Test' }),
        connections: CONNECTIONS,
        durationSeconds: DURATION_SECONDS,
      },
    ],
    ['GET /', { url: `${url}/`, connections: CONNECTIONS, durationSeconds: DURATION_SECONDS }],
  ];
  for (const [scenario, options] of scenarios) {
    rows.push({ target, scenario, result: await runLoad(options) });
    console.log(`${target} ${scenario}: ${Math.round(rows.at(-1)!.result.requestsPerSecond)} req/s`);
  }
  const rssMb = residentMemoryMb(child.pid!);
  await stop(child);
  return { startMs, rssMb };
}

async function benchRaw(rows: Row[]) {
  const port = await freePort();
  const child = fork(join(import.meta.dirname, 'raw-hello-server.ts'), {
    env: { PORT: String(port) },
    execArgv: ['--import', 'tsx'],
    stdio: 'ignore',
  });
  await new Promise((resolve) => child.once('message', resolve));
  const result = await runLoad({
    url: `http://127.0.0.1:${port}/`,
    connections: CONNECTIONS,
    durationSeconds: DURATION_SECONDS,
  });
  rows.push({ target: 'raw node:http', scenario: 'GET / (hello world)', result });
  console.log(`raw node:http: ${Math.round(result.requestsPerSecond)} req/s`);
  await stop(child);
  return result.requestsPerSecond;
}

function table(rows: Row[], ceiling: number) {
  const lines = [
    '| Target | Scenario | req/s | % of raw | p50 ms | p99 ms | errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { target, scenario, result } of rows) {
    lines.push(
      `| ${target} | ${scenario} | ${Math.round(result.requestsPerSecond)} | ${Math.round((100 * result.requestsPerSecond) / ceiling)} % | ${result.p50Ms} | ${result.p99Ms} | ${result.errors} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  console.log('building the service (tsc) ...');
  execFileSync('npm', ['run', 'build'], { cwd: serviceDir, stdio: 'inherit' });
  const rows: Row[] = [];
  const ceiling = await benchRaw(rows);
  const sqliteDir = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
  const sqlite = await benchService('SQLite', { SQLITE_PATH: join(sqliteDir, 'bench.db') }, rows);
  const postgres = await startPostgres();
  let pg: Awaited<ReturnType<typeof benchService>>;
  try {
    pg = await benchService('PostgreSQL', { DATABASE_URL: await postgres.createDatabase('bench') }, rows);
  } finally {
    await postgres.stop();
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const section = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpu}, Node ${process.version}, ` +
      `${CONNECTIONS} connections for ${DURATION_SECONDS} s per row, autocannon and the server on the same machine (loopback).`,
    '',
    'Command: `npm run bench` (set `BENCH_SECONDS` / `BENCH_CONNECTIONS` to change the run).',
    '',
    table(rows, ceiling),
    '',
    '| Target | start → /readyz 200 | resident memory after the run |',
    '| --- | ---: | ---: |',
    `| SQLite | ${Math.round(sqlite.startMs)} ms | ${Math.round(sqlite.rssMb)} MB |`,
    `| PostgreSQL | ${Math.round(pg.startMs)} ms | ${Math.round(pg.rssMb)} MB |`,
  ].join('\n');
  const docs = join(repositoryRoot, 'docs/benchmarks.md');
  const current = readFileSync(docs, 'utf8');
  const start = '<!-- bench:service:start -->';
  const end = '<!-- bench:service:end -->';
  writeFileSync(
    docs,
    current.slice(0, current.indexOf(start) + start.length) +
      `\n${section}\n` +
      current.slice(current.indexOf(end)),
  );
  console.log(`\n${section}\n\nwritten to docs/benchmarks.md`);
}

await main();
