/**
 * Drives a realistic mix of API requests at the real service until stopped: listing, reading a
 * missing user (404), creating users (201) and creating a duplicate (409, a database constraint
 * error), so every request, database and error series exists.
 */
import { randomUUID } from 'node:crypto';
import { PATHS } from '@slipway/contract';

export interface Traffic {
  /** Stops the workers and resolves with the responses counted by status code. */
  stop(): Promise<Record<number, number>>;
}

export function driveApiTraffic(baseUrl: string, concurrency = 6): Traffic {
  let running = true;
  const statuses: Record<number, number> = {};
  const send = async (path: string, init?: RequestInit) => {
    try {
      const response = await fetch(`${baseUrl}${path}`, init);
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    } catch {
      statuses[0] = (statuses[0] ?? 0) + 1;
    }
  };
  const create = (dni: string) =>
    send(PATHS.users, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dni, name: 'Load Test' }),
    });
  const worker = async (id: number) => {
    for (let round = 0; running; round++) {
      const dni = `T${id}-${round}`;
      await send(`${PATHS.users}?limit=5`);
      await send(`${PATHS.users}/${randomUUID()}`);
      await create(dni);
      if (round % 2 === 0) await create(dni);
    }
  };
  const workers = Array.from({ length: concurrency }, (_, id) => worker(id));
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      return statuses;
    },
  };
}
