import { PATHS } from '@slipway/contract';

/**
 * Concurrent mixed load, as clients use the API: reads of known users, pages of the list, creates
 * and updates (an update is a transaction: read, then write). Every write the service acknowledged
 * (201 or 200) is remembered, so a scenario can check afterwards that none was lost. Bounded in
 * time and in count.
 */
export interface LoadOptions {
  url: string;
  token: string;
  concurrency: number;
  /** Share of operations that write (creates and updates). */
  writeShare: number;
  maxDurationMs: number;
  maxRequests: number;
  requestTimeoutMs?: number;
  /** Pause between a worker's requests (0: back to back). */
  pauseMs?: number;
}

export type OperationKind = 'create' | 'update' | 'read' | 'list';

export interface RequestRecord {
  kind: OperationKind;
  /** Start, in ms since the load began. */
  at: number;
  ms: number;
  /** HTTP status; 0 when no response came (connection error or timeout). */
  status: number;
  retryAfter: boolean;
  problemType?: string;
  /** The problem's detail (5xx only, for the report). */
  detail?: string;
  error?: string;
}

/** What the service acknowledged for one user: its name, or one of the names of writes whose outcome is unknown. */
export interface AcknowledgedUser {
  id: string;
  dni: string;
  name: string;
  /** Names sent by updates that got no answer: the service may or may not have applied them. */
  inDoubt: Set<string>;
  /** Wall-clock time (epoch ms) the create was acknowledged. */
  createdAt: number;
  /** Wall-clock time (epoch ms) the create was sent: it cannot have committed before. */
  sentAt: number;
}

export interface LoadRun {
  /** Every request so far, in completion order. */
  records: RequestRecord[];
  acknowledged: Map<string, AcknowledgedUser>;
  /** ms since the load began. */
  now(): number;
  /** Asks the workers to stop and waits for requests in flight. */
  stop(): Promise<void>;
  finished: Promise<void>;
}

let runCounter = 0;

export function startMixedLoad(options: LoadOptions): LoadRun {
  const run = (++runCounter).toString(36);
  const started = performance.now();
  const now = () => performance.now() - started;
  const records: RequestRecord[] = [];
  const acknowledged = new Map<string, AcknowledgedUser>();
  const ids: string[] = [];
  const own: AcknowledgedUser[][] = Array.from({ length: options.concurrency }, () => []);
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  let stopping = false;
  let sent = 0;
  let created = 0;
  const writeHeaders = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' };

  async function send(kind: OperationKind, path: string, init: RequestInit = {}) {
    const at = now();
    try {
      const response = await fetch(`${options.url}${path}`, {
        ...init,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      const body =
        text.length > 0 && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : {};
      const record: RequestRecord = {
        kind,
        at,
        ms: now() - at,
        status: response.status,
        retryAfter: response.headers.has('retry-after'),
        ...(response.status >= 400 && { problemType: String(body.type ?? 'none') }),
        ...(response.status >= 500 && { detail: String(body.detail ?? text.slice(0, 120)) }),
      };
      records.push(record);
      return { record, body: body as Record<string, unknown> };
    } catch (error) {
      const record: RequestRecord = {
        kind,
        at,
        ms: now() - at,
        status: 0,
        retryAfter: false,
        error: (error as Error).cause ? String((error as Error).cause) : (error as Error).message,
      };
      records.push(record);
      return { record, body: {} };
    }
  }

  async function operation(worker: number) {
    const roll = Math.random();
    const known = ids.length > 0 ? ids[Math.floor(Math.random() * ids.length)] : undefined;
    if (roll < options.writeShare || known === undefined) {
      const mine = own[worker]!;
      if (roll < options.writeShare / 2 && mine.length > 0) {
        // Update one of this worker's own users, so updates to one user never race each other.
        const user = mine[Math.floor(Math.random() * mine.length)]!;
        const name = `renamed ${run}-${sent}`;
        const { record } = await send('update', `${PATHS.users}/${user.id}`, {
          method: 'PATCH',
          headers: writeHeaders,
          body: JSON.stringify({ name }),
        });
        if (record.status === 200) {
          user.name = name;
          user.inDoubt.clear();
        } else if (record.status === 0 || record.status >= 500) user.inDoubt.add(name);
        return;
      }
      const dni = `${run}${(++created).toString(36)}W${worker}`.toUpperCase();
      const sentAt = Date.now();
      const { record, body } = await send('create', PATHS.users, {
        method: 'POST',
        headers: writeHeaders,
        body: JSON.stringify({ dni, name: `user ${dni}` }),
      });
      if (record.status === 201 && typeof body.id === 'string') {
        const user = {
          id: body.id,
          dni,
          name: `user ${dni}`,
          inDoubt: new Set<string>(),
          createdAt: Date.now(),
          sentAt,
        };
        acknowledged.set(body.id, user);
        own[worker]!.push(user);
        ids.push(body.id);
      }
      return;
    }
    if (roll < options.writeShare + (1 - options.writeShare) * 0.2) {
      await send('list', `${PATHS.users}?limit=20`);
      return;
    }
    await send('read', `${PATHS.users}/${known}`);
  }

  async function worker(index: number) {
    while (!stopping && sent < options.maxRequests && now() < options.maxDurationMs) {
      sent++;
      await operation(index);
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  }

  const finished = Promise.all(Array.from({ length: options.concurrency }, (_, i) => worker(i))).then(
    () => {},
  );
  return {
    records,
    acknowledged,
    now,
    finished,
    async stop() {
      stopping = true;
      await finished;
    },
  };
}
