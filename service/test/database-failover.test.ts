import { setTimeout as sleep } from 'node:timers/promises';
import { PATHS } from '@slipway/contract';
import {
  type PostgresServer,
  type ServiceProcess,
  startPostgres,
  startServiceProcess,
} from '@slipway/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// PostgreSQL ending connections that are checked out of the pool, as a failover, a minor-version
// upgrade or pg_terminate_backend does: each open session gets FATAL 57P01 and its socket closes,
// in the middle of (or between) the queries of a request.
const WORKERS = 12;
const DB_TIMEOUT_MS = 1000;

interface Outcomes {
  statuses: Map<number, number>;
  /** 503s without Retry-After, 5xx other than 503, and connection failures. */
  faults: string[];
}

/** Concurrent mixed load (create, read, patch in a transaction) until `stop` says so. */
function runLoad(url: string, stop: { now: boolean }, outcomes: Outcomes, deadlineMs: number) {
  const count = (response: Response) => {
    outcomes.statuses.set(response.status, (outcomes.statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 500 && (response.status !== 503 || response.headers.get('retry-after') === null)) {
      outcomes.faults.push(`HTTP ${response.status} without Retry-After`);
    }
  };
  const started = performance.now();
  const worker = async (w: number) => {
    for (let i = 0; !stop.now && performance.now() - started < deadlineMs; i++) {
      try {
        const created = await fetch(`${url}/api/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ dni: `F${w}X${i}`, name: 'failover' }),
          signal: AbortSignal.timeout(5_000),
        });
        count(created);
        const body = (await created.json()) as { id?: string };
        if (created.status !== 201 || body.id === undefined) continue;
        count(await fetch(`${url}/api/users/${body.id}`, { signal: AbortSignal.timeout(5_000) }));
        const patched = await fetch(`${url}/api/users/${body.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'patched' }),
          signal: AbortSignal.timeout(5_000),
        });
        count(patched);
        await patched.arrayBuffer();
      } catch (error) {
        outcomes.faults.push(`request failed: ${(error as Error).message}`);
        if (stop.now) return;
        await sleep(50);
      }
    }
  };
  return Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
}

/** Fails with the process's last output lines when it has exited. */
function expectAlive(service: ServiceProcess) {
  expect(service.child.exitCode, service.output.slice(-5).join('\n')).toBeNull();
}

async function statusWithin(url: string, expected: number, timeoutMs: number): Promise<number> {
  const started = performance.now();
  let last = 'no answer';
  while (performance.now() - started < timeoutMs) {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) }).catch(
      (error: Error) => error.message,
    );
    if (typeof response === 'string') last = response;
    else {
      last = `HTTP ${response.status} ${await response.text()}`;
      if (response.status === expected) return performance.now() - started;
    }
    await sleep(50);
  }
  throw new Error(`${url} did not answer ${expected} within ${timeoutMs} ms (last: ${last})`);
}

describe('PostgreSQL ending checked-out connections under load (real server)', () => {
  let postgres: PostgresServer;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  async function underLoad(databaseName: string, fault: (service: ServiceProcess) => Promise<void>) {
    const service = await startServiceProcess({
      DATABASE_URL: await postgres.createDatabase(databaseName),
      DB_CONNECT_TIMEOUT_MS: String(DB_TIMEOUT_MS),
      DB_QUERY_TIMEOUT_MS: String(DB_TIMEOUT_MS),
      LOG_LEVEL: 'warn',
      // The load comes from one address and may pass the default limit: this is about the database.
      RATE_LIMIT_MAX: '1000000',
    });
    const outcomes: Outcomes = { statuses: new Map(), faults: [] };
    const stop = { now: false };
    const load = runLoad(service.url, stop, outcomes, 30_000);
    try {
      await sleep(500);
      await fault(service);
      await sleep(200);
      expectAlive(service);
      expect((await fetch(`${service.url}${PATHS.liveness}`)).status).toBe(200);
      // Success comes back within 5 s of the database being back, without a restart.
      await statusWithin(`${service.url}/api/users?limit=1`, 200, 5_000);
      await sleep(300);
      stop.now = true;
      await load;
      expectAlive(service);
      expect(outcomes.statuses.get(201) ?? 0).toBeGreaterThan(0);
      expect(outcomes.faults).toEqual([]);
    } finally {
      stop.now = true;
      await load;
      await service.stop();
    }
    return outcomes;
  }

  it('survives pg_terminate_backend of every connection, three times, and keeps serving', async () => {
    await underLoad('terminated', async (service) => {
      const admin = new pg.Client(postgres.url('terminated'));
      await admin.connect();
      try {
        for (let round = 0; round < 3; round++) {
          const { rows } = await admin.query(
            'select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
            ['terminated'],
          );
          expect(rows.length).toBeGreaterThan(0);
          await sleep(400);
          expectAlive(service);
        }
      } finally {
        await admin.end();
      }
    });
  });

  it('survives a fast shutdown: 503 with Retry-After within the bound while down, /healthz 200, back by itself', async () => {
    await underLoad('fast_shutdown', async (service) => {
      await postgres.pause(); // SIGINT: PostgreSQL's fast shutdown, every session gets 57P01
      await sleep(200);
      expectAlive(service);
      const started = performance.now();
      const down = await fetch(`${service.url}/api/users?limit=1`);
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(performance.now() - started).toBeLessThan(DB_TIMEOUT_MS + 1_000);
      await sleep(1_000);
      expect((await fetch(`${service.url}${PATHS.liveness}`)).status).toBe(200);
      await postgres.start();
    });
  });
});
