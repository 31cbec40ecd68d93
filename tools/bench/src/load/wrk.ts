/**
 * Drives one target with wrk, pinned to the load generator's CPU. wrk is written in C and keeps up
 * with a raw node:http server on one core, where a Node load generator (autocannon) would itself
 * become the bottleneck and so measure the generator instead of the server.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pinnedCommand } from '../machine/cpu-pinning.js';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors, timeouts and answers with a status of 400 or more. */
  errors: number;
}

export interface LoadRequest {
  url: string;
  headers?: Record<string, string>;
  /** POST a new user with each request (a dni no other request of the run used) instead of GET. */
  createsUsers?: boolean;
}

export interface LoadShape {
  cpu: number;
  connections: number;
  seconds: number;
}

const SCRIPT = join(import.meta.dirname, 'wrk-script.lua');

/** Runs of wrk so far in this process: each creating run tags its dnis with its own number. */
let runs = 0;

/**
 * The tag that keeps one run's dnis apart from every other run's in this process: `R` and the
 * run's number in base 36. With the thread number, a hyphen and a hexadecimal counter it stays
 * within the 13 characters a dni may have for millions of requests per run.
 */
export function runTag(run: number): string {
  return `R${run.toString(36).toUpperCase()}`;
}
const RESULT_PREFIX = 'BENCH_RESULT ';

interface WrkFigures {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  statusErrors: number;
  timeouts: number;
}

/** The figures the script's done() printed; a clear error when wrk printed none. */
export function parseWrkOutput(stdout: string): LoadResult {
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (line === undefined) throw new Error(`wrk printed no result line:\n${stdout}`);
  const f = JSON.parse(line.slice(RESULT_PREFIX.length)) as WrkFigures;
  return {
    requests: f.requests,
    requestsPerSecond: f.durationUs > 0 ? f.requests / (f.durationUs / 1e6) : 0,
    p50Ms: f.p50Us / 1000,
    p99Ms: f.p99Us / 1000,
    errors: f.connectErrors + f.readErrors + f.writeErrors + f.statusErrors + f.timeouts,
  };
}

/** Runs wrk for `shape.seconds` (one thread: it has one CPU) and returns its figures. */
export function runWrk(request: LoadRequest, shape: LoadShape): Promise<LoadResult> {
  runs += 1;
  const run = runs;
  const headerArgs = Object.entries(request.headers ?? {}).flatMap(([name, value]) => [
    '-H',
    `${name}: ${value}`,
  ]);
  const [command, args] = pinnedCommand(shape.cpu, 'wrk', [
    '--threads',
    '1',
    '--connections',
    String(shape.connections),
    '--duration',
    `${shape.seconds}s`,
    '--timeout',
    '5s',
    '--script',
    SCRIPT,
    ...headerArgs,
    request.url,
  ]);
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        env: {
          ...process.env,
          ...(request.createsUsers ? { BENCH_WRK_BODY: 'user', BENCH_WRK_RUN: runTag(run) } : {}),
        },
        // wrk stops itself after --duration; this only bounds a wrk that hangs.
        timeout: (shape.seconds + 30) * 1000,
        killSignal: 'SIGKILL',
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`wrk failed against ${request.url}: ${error.message}\n${stderr}`));
          return;
        }
        try {
          resolve(parseWrkOutput(stdout));
        } catch (parseError) {
          reject(parseError);
        }
      },
    );
  });
}
