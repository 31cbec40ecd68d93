import { connect } from 'node:net';
import { PATHS } from '@slipway/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

// Errors raised before a request reaches a route: by Fastify's router (a malformed URL, an
// over-long path parameter) or by Node's HTTP parser (oversized headers, broken HTTP). They must
// look like every other error: problem+json, the request id, the same response headers.

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes as they are (no client library normalises or refuses them) and reads one response. */
function rawExchange(url: string, request: string): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.setTimeout(5_000, () => socket.destroy(new Error('no complete response within 5 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.end(request);
  });
}

const get = (path: string, extraHeaders = '') =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extraHeaders}Connection: close\r\n\r\n`;

// Headers that differ from one response to the next by design; every other header of an error
// response (the security headers among them, whatever the plugin sets) must be the same.
const PER_RESPONSE =
  /^(date|content-length|x-request-id|connection|keep-alive|transfer-encoding|(x-)?ratelimit-.*|retry-after)$/;

function stableHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_RESPONSE.test(name)));
}

describe('errors raised before routing (real server, raw HTTP)', () => {
  let t: TestApp;
  let reference: RawResponse;
  beforeAll(async () => {
    t = await startTestApp();
    // An ordinary problem response, from the error handler behind a route.
    reference = await rawExchange(t.url, get(`${PATHS.users}/no-such-user`));
  });
  afterAll(async () => {
    await t?.close();
  });

  function expectLikeEveryOtherError(response: RawResponse, status: number, type: string) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(body).toMatchObject({ type: `urn:slipway:problem:${type}`, status });
    expect(body.detail).toEqual(expect.any(String));
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.requestId).toBe(response.headers['x-request-id']);
    expect(stableHeaders(response.headers)).toEqual(stableHeaders(reference.headers));
  }

  it('the reference is a problem+json 404 from behind a route', () => {
    expect(reference.status).toBe(404);
    expect(Object.keys(stableHeaders(reference.headers)).length).toBeGreaterThan(2);
  });

  it('a malformed percent-encoding in the path: 400 invalid-url, logged with its request id', async () => {
    const response = await rawExchange(t.url, get(`${PATHS.users}/%zz`));
    expectLikeEveryOtherError(response, 400, 'invalid-url');
    expect(JSON.parse(response.body).instance).toBe(`${PATHS.users}/%zz`);
    const id = response.headers['x-request-id'];
    expect(t.logs.some((line) => line.includes(`"reqId":"${id}"`) && line.includes('"statusCode":400'))).toBe(
      true,
    );
  });

  it('a malformed path with a body and a content type of any kind is still answered as a bad URL', async () => {
    const body = '{"dni":';
    const response = await rawExchange(
      t.url,
      `POST ${PATHS.users}/%e0%a4%a HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expectLikeEveryOtherError(response, 400, 'invalid-url');
  });

  it('an over-long path parameter: 414 uri-too-long', async () => {
    const response = await rawExchange(t.url, get(`${PATHS.users}/${'a'.repeat(600)}`));
    expectLikeEveryOtherError(response, 414, 'uri-too-long');
  });

  it('oversized headers: 431 headers-too-large', async () => {
    const response = await rawExchange(t.url, get(PATHS.users, `X-Filler: ${'x'.repeat(20_000)}\r\n`));
    expectLikeEveryOtherError(response, 431, 'headers-too-large');
  });

  it('a request that is not HTTP: 400 malformed-request', async () => {
    const response = await rawExchange(t.url, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNot a header\r\n\r\n');
    expectLikeEveryOtherError(response, 400, 'malformed-request');
  });

  it('bytes that are not HTTP after a complete request: that request still gets its answer', async () => {
    const response = await rawExchange(t.url, `${get(PATHS.liveness)}0\r\n\r\n`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
  });

  it('a CONNECT request: answered (404 route-not-found), not dropped', async () => {
    const response = await rawExchange(t.url, get('/readyz').replace(/^GET/, 'CONNECT'));
    expectLikeEveryOtherError(response, 404, 'route-not-found');
  });

  it('keeps serving afterwards', async () => {
    expect((await fetch(`${t.url}${PATHS.liveness}`)).status).toBe(200);
  });
});
