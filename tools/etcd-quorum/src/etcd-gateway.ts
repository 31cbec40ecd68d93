/**
 * The few etcd v3 calls the demo makes, over etcd's JSON gateway (`/v3/...` on the client URL)
 * rather than one `etcdctl` process per call: a write loop paced at tens of milliseconds must not
 * spend them starting processes. Keys and values are base64 on that API; 64-bit ids are strings.
 */

const json = { 'content-type': 'application/json' };
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export interface MemberStatus {
  memberId: string;
  /** The leader this member knows of; '0' when it has none. */
  leader: string;
  raftTerm: number;
}

async function post<T>(clientUrl: string, path: string, body: object, timeoutMs: number): Promise<T> {
  const response = await fetch(`${clientUrl}${path}`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * One write. Resolves true when etcd committed it (a quorum of members stored it), false when it
 * was refused or did not commit within `timeoutMs` — to a client both mean the write did not happen.
 */
export async function put(
  clientUrl: string,
  key: string,
  value: string,
  timeoutMs: number,
): Promise<boolean> {
  try {
    await post(clientUrl, '/v3/kv/put', { key: base64(key), value: base64(value) }, timeoutMs);
    return true;
  } catch {
    return false;
  }
}

export async function memberStatus(clientUrl: string, timeoutMs = 1_000): Promise<MemberStatus> {
  const status = await post<{ header: { member_id: string }; leader?: string; raftTerm?: string }>(
    clientUrl,
    '/v3/maintenance/status',
    {},
    timeoutMs,
  );
  return {
    memberId: status.header.member_id,
    leader: status.leader ?? '0',
    raftTerm: Number(status.raftTerm ?? 0),
  };
}

/** `etcd_server_has_leader` from the member's /metrics: what a Prometheus alert on etcd reads. */
export async function hasLeader(clientUrl: string, timeoutMs = 1_000): Promise<boolean> {
  const response = await fetch(`${clientUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  const line = text.split('\n').find((l) => l.startsWith('etcd_server_has_leader '));
  if (line === undefined) throw new Error(`${clientUrl}/metrics has no etcd_server_has_leader`);
  return line.trim().endsWith(' 1');
}

/** /health: true when the member has a leader and answers a read through the cluster. */
export async function healthy(clientUrl: string, timeoutMs = 1_000): Promise<boolean> {
  try {
    const response = await fetch(`${clientUrl}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return ((await response.json()) as { health?: string }).health === 'true';
  } catch {
    return false;
  }
}
