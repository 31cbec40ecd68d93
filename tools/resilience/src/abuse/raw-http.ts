import { connect } from 'node:net';

/**
 * One HTTP/1.1 exchange over a fresh connection, with the request written byte for byte: a client
 * library would normalise or refuse exactly the requests the fuzz is about (bad encodings, huge
 * or broken headers, unknown methods). The request asks for `Connection: close`, so the response
 * ends where the connection does; a small parser reads it (Content-Length or chunked).
 */
export interface RawRequest {
  method: string;
  /** The request target exactly as sent, e.g. `/api/users/%zz?limit=1`. */
  target: string;
  headers: [string, string][];
  body: Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  ms: number;
}

export type Exchange = RawResponse | { error: 'hung' | 'closed without a response' | string; ms: number };

export function serialize(request: RawRequest): Buffer {
  const head = [
    `${request.method} ${request.target} HTTP/1.1`,
    ...request.headers.map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), request.body]);
}

function decodeChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** The response in `bytes`, once it is complete (by Content-Length, chunked end, or no body). */
export function parseResponse(
  bytes: Buffer,
  ms: number,
  method: string,
  closed: boolean,
): RawResponse | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine = '', ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  if (!Number.isInteger(status)) return undefined;
  // An interim answer (100 Continue) comes before the real one.
  if (status >= 100 && status < 200) return parseResponse(bytes.subarray(headEnd + 4), ms, method, closed);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let body = bytes.subarray(headEnd + 4);
  if (method === 'HEAD' || status === 204 || status === 304) body = Buffer.alloc(0);
  else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    if (!closed && body.indexOf('0\r\n\r\n') < 0) return undefined;
    body = decodeChunked(body);
  } else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (body.length < length && !closed) return undefined;
    body = body.subarray(0, length);
  } else if (!closed) return undefined;
  return { status, headers, body: body.toString('utf8'), ms };
}

export function exchange(port: number, request: RawRequest, timeoutMs: number): Promise<Exchange> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (result: Exchange) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish({ error: 'hung', ms: performance.now() - started }));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const response = parseResponse(
        Buffer.concat(chunks),
        performance.now() - started,
        request.method,
        false,
      );
      if (response) finish(response);
    });
    // The server may answer and close before reading a large body: a reset after an answer is fine.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      const ms = performance.now() - started;
      finish(
        parseResponse(Buffer.concat(chunks), ms, request.method, true) ?? {
          error: 'closed without a response',
          ms,
        },
      );
    });
    socket.write(serialize(request));
  });
}
