import fc from 'fast-check';
import {
  CONTENT_TYPES,
  hostileAuthorization,
  hostileBody,
  hostileHeaders,
  hostileQuery,
  hostileSegment,
  METHODS,
} from './hostile-inputs.js';
import type { Operation } from './openapi-operations.js';
import type { RawRequest } from './raw-http.js';
import { arbitraryFor } from './schema-arbitrary.js';

export interface FuzzRequest extends RawRequest {
  /** The operation it was built from and what was hostile about it, for the report. */
  label: string;
}

export interface FuzzContext {
  operations: Operation[];
  token: string;
  /** Ids of users that exist, so updates and deletes can succeed too. */
  knownIds: string[];
}

/** Mostly valid, sometimes hostile: each part of the request is chosen on its own. */
function sometimes<T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>, validWeight = 3) {
  return fc.oneof({ arbitrary: valid, weight: validWeight }, { arbitrary: hostile, weight: 1 });
}

function pathFor(
  operation: Operation,
  context: FuzzContext,
): fc.Arbitrary<{ path: string; hostile: boolean }> {
  const params = operation.parameters.filter((p) => p.in === 'path');
  if (params.length === 0) return fc.constant({ path: operation.path, hostile: false });
  const segments = params.map((param) => {
    const valid = fc.oneof(
      context.knownIds.length > 0 ? fc.constantFrom(...context.knownIds) : fc.uuid(),
      arbitraryFor(param.schema).map((v) => encodeURIComponent(String(v))),
    );
    return sometimes(
      valid.map((value) => ({ value, hostile: false })),
      hostileSegment().map((value) => ({ value, hostile: true })),
    );
  });
  return fc.tuple(...segments).map((values) => {
    let path = operation.path;
    params.forEach((param, i) => {
      path = path.replace(`{${param.name}}`, values[i]!.value);
    });
    return { path, hostile: values.some((v) => v.hostile) };
  });
}

function queryFor(operation: Operation): fc.Arbitrary<{ query: string; hostile: boolean }> {
  const params = operation.parameters.filter((p) => p.in === 'query');
  const valid = fc
    .tuple(
      ...params.map((param) =>
        fc.option(
          arbitraryFor(param.schema).map((v) => `${param.name}=${encodeURIComponent(String(v))}`),
          {
            nil: undefined,
          },
        ),
      ),
    )
    .map((parts) => ({ query: parts.filter(Boolean).join('&'), hostile: false }));
  return sometimes(
    valid,
    hostileQuery().map((query) => ({ query, hostile: true })),
    4,
  );
}

type BodyPart = { body: string | undefined; hostile: boolean };

function bodyFor(operation: Operation): fc.Arbitrary<BodyPart> {
  const valid = arbitraryFor(operation.body);
  if (operation.body === undefined) {
    return sometimes<BodyPart>(
      fc.constant({ body: undefined, hostile: false }),
      hostileBody(valid).map((body) => ({ body, hostile: true })),
      6,
    );
  }
  return sometimes<BodyPart>(
    valid.map((value) => ({ body: JSON.stringify(value), hostile: false })),
    hostileBody(valid).map((body) => ({ body, hostile: true })),
    2,
  );
}

const toChunked = (body: Buffer) =>
  body.length === 0
    ? Buffer.from('0\r\n\r\n')
    : Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);

/** Bytes after a complete request on the same connection: a second request that is not HTTP. */
const PIPELINED_GARBAGE = Buffer.from('0\r\n\r\n');

/** Requests for every operation of the document, the operation chosen uniformly. */
export function fuzzRequests(context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  // One arbitrary per operation, built once (building them per sample costs more than sampling).
  return fc.oneof(...context.operations.map((operation) => requestsFor(operation, context)));
}

function requestsFor(operation: Operation, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      path: pathFor(operation, context),
      query: queryFor(operation),
      body: bodyFor(operation),
      method: sometimes(fc.constant(operation.method), fc.constantFrom(...METHODS), 8),
      contentType: sometimes(fc.constant('application/json'), fc.constantFrom(...CONTENT_TYPES), 5),
      authorization: sometimes(
        fc.constant<string | undefined>(`Bearer ${context.token}`),
        hostileAuthorization(context.token),
        2,
      ),
      extraHeaders: sometimes(fc.constant<[string, string][]>([]), hostileHeaders(), 6),
      framing: fc.constantFrom(
        'content-length',
        'content-length',
        'content-length',
        'chunked',
        'smuggling',
        'garbage',
      ),
    })
    .map((parts) => {
      const target = parts.query.query === '' ? parts.path.path : `${parts.path.path}?${parts.query.query}`;
      let body = parts.body.body === undefined ? Buffer.alloc(0) : Buffer.from(parts.body.body, 'utf8');
      const headers: [string, string][] = [['Host', '127.0.0.1']];
      if (parts.authorization !== undefined) headers.push(['Authorization', parts.authorization]);
      if (parts.body.body !== undefined) {
        headers.push(['Content-Type', parts.contentType]);
        if (parts.framing === 'chunked') {
          headers.push(['Transfer-Encoding', 'chunked']);
          body = toChunked(body);
        } else if (parts.framing === 'smuggling') {
          // Both framings at once, the shape of a request-smuggling attempt.
          headers.push(['Content-Length', String(body.length)], ['Transfer-Encoding', 'chunked']);
        } else headers.push(['Content-Length', String(body.length)]);
      }
      if (parts.framing === 'garbage') body = Buffer.concat([body, PIPELINED_GARBAGE]);
      headers.push(...parts.extraHeaders, ['Connection', 'close']);
      const hostile = [
        parts.path.hostile && 'path',
        parts.query.hostile && 'query',
        parts.body.hostile && 'body',
        parts.method !== operation.method && `method ${parts.method}`,
        parts.contentType !== 'application/json' && parts.body.body !== undefined && 'content-type',
        parts.authorization !== `Bearer ${context.token}` && 'auth',
        parts.extraHeaders.length > 0 && 'headers',
        (parts.framing === 'garbage' ||
          (parts.body.body !== undefined && parts.framing !== 'content-length')) &&
          parts.framing,
      ].filter(Boolean);
      return {
        method: parts.method,
        target,
        headers,
        body,
        label: `${operation.method} ${operation.path}${hostile.length > 0 ? ` [${hostile.join(', ')}]` : ''}`,
      };
    });
}
