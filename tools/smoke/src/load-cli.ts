/**
 * `npm run load -w @slipway/smoke -- <url>`: a short load test of a deployed environment (the
 * e2e-kind workflow runs it against the kind cluster's ingress). Bounded in time and connections;
 * point it only at an environment you own. Exits 1 when requests fail: connection errors,
 * timeouts or 5xx answers. 429 answers are the rate limiter doing its job and are reported, not failed.
 */
import { parseArgs } from 'node:util';
import { PATHS } from '@slipway/contract';
import autocannon from 'autocannon';

const USAGE = `usage: npm run load -w @slipway/smoke -- <url> [--path ${PATHS.users}] [--duration 20] [--connections 10]`;

function positiveInteger(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${flag} must be a whole number ≥ 1 (got "${raw}")`);
  return value;
}

async function main(): Promise<number> {
  let target: URL;
  let duration: number;
  let connections: number;
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        path: { type: 'string', default: PATHS.users },
        duration: { type: 'string', default: '20' },
        connections: { type: 'string', default: '10' },
      },
    });
    if (positionals.length !== 1) throw new Error('the URL of the environment to load is missing');
    target = new URL(values.path.replace(/^\//, ''), new URL(positionals[0]!.replace(/\/?$/, '/')));
    duration = Math.min(positiveInteger('--duration', values.duration), 300);
    connections = Math.min(positiveInteger('--connections', values.connections), 100);
  } catch (error) {
    console.error(`load: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  console.log(`load test of ${target.href}: ${connections} connections for ${duration} s`);
  const result = await autocannon({ url: target.href, connections, duration, timeout: 10 });
  const serverErrors = result['5xx'];
  console.log(
    `${result.requests.total} requests, ${result.requests.average} req/s, latency p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms; 2xx ${result['2xx']}, 4xx ${result['4xx']} ` +
      `(429 is the rate limit), 5xx ${serverErrors}, errors ${result.errors}, timeouts ${result.timeouts}`,
  );
  const failed = serverErrors + result.errors + result.timeouts;
  if (result['2xx'] === 0 || failed > 0) {
    console.log(`FAIL  ${failed} of ${result.requests.total} requests failed (${result['2xx']} succeeded)`);
    return 1;
  }
  console.log('PASS  every request was answered without a server error');
  return 0;
}

process.exitCode = await main();
