import type { AcknowledgedUser, RequestRecord } from './mixed-load.js';

export interface LoadSummary {
  requests: number;
  byStatus: Record<string, number>;
  /** No response, or a 5xx. */
  failed: number;
  /** 503 answers that carried Retry-After (the service saying "database unavailable, retry"). */
  unavailable: number;
  /** 4xx answers a correct client never gets from a healthy service (a lost user reads as 404). */
  unexpected: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Up to five examples of failed or unexpected requests. */
  examples: string[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const isFailure = (r: RequestRecord) => r.status === 0 || r.status >= 500;
export const isUnexpected = (r: RequestRecord) => r.status >= 400 && r.status < 500;

export function summarize(
  records: RequestRecord[],
  fromMs = 0,
  toMs = Number.POSITIVE_INFINITY,
): LoadSummary {
  const window = records.filter((r) => r.at >= fromMs && r.at < toMs);
  const byStatus: Record<string, number> = {};
  for (const r of window) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const durations = window.map((r) => r.ms).sort((a, b) => a - b);
  const odd = window.filter((r) => isFailure(r) || isUnexpected(r));
  return {
    requests: window.length,
    byStatus,
    failed: window.filter(isFailure).length,
    unavailable: window.filter((r) => r.status === 503 && r.retryAfter).length,
    unexpected: window.filter(isUnexpected).length,
    p50Ms: Math.round(percentile(durations, 50)),
    p99Ms: Math.round(percentile(durations, 99)),
    maxMs: Math.round(durations.at(-1) ?? 0),
    examples: odd
      .slice(0, 5)
      .map((r) =>
        `${r.kind} at ${Math.round(r.at)} ms (${Math.round(r.ms)} ms): ${r.status || r.error} ${r.problemType ?? ''} ${r.detail ?? ''}`.trim(),
      ),
  };
}

export interface WriteCheck {
  acknowledged: number;
  /** Acknowledged creates that are not in the database. */
  missing: string[];
  /** Users whose name is neither the last acknowledged one nor one in doubt. */
  wrong: string[];
}

/** Reads every acknowledged user back from the database itself (the ground truth). */
export async function checkAcknowledgedWrites(
  acknowledged: Map<string, AcknowledgedUser>,
  query: (text: string, values: unknown[]) => Promise<{ id: string; name: string }[]>,
): Promise<WriteCheck> {
  const users = [...acknowledged.values()];
  const found = new Map<string, string>();
  for (let i = 0; i < users.length; i += 5_000) {
    const ids = users.slice(i, i + 5_000).map((u) => u.id);
    for (const row of await query('select id, name from users where id = any($1::text[])', [ids])) {
      found.set(row.id, row.name);
    }
  }
  const missing = users.filter((u) => !found.has(u.id)).map((u) => u.id);
  const wrong = users
    .filter((u) => found.has(u.id) && found.get(u.id) !== u.name && !u.inDoubt.has(found.get(u.id)!))
    .map((u) => u.id);
  return { acknowledged: users.length, missing, wrong };
}
