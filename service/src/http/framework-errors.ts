import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IncomingMessage, ServerResponse } from '../node/http.js';
import { ProblemError } from './problem-types.js';

/**
 * Some errors happen before a request reaches a route: Fastify's router rejects a malformed
 * percent-encoding or an over-long path parameter, Node's HTTP parser rejects oversized headers or
 * bytes that are not HTTP. Left alone, Fastify answers them itself with plain JSON, outside every
 * hook: no request id, no security headers, no log line, no metric. (And Node drops a CONNECT
 * request without a word.)
 *
 * Instead each one goes through the app's own pipeline: the request is routed again, to a path no
 * route matches, so every onRequest hook runs as for any other request (request id, security
 * headers, rate limit, load shedding, tracing), and the not-found handler throws the problem it
 * stands for, which the error handler answers like any other error. Nothing here lists a header.
 */

/** Matches no route, so a rerouted request lands in the not-found handler. */
const UNROUTED_PATH = '/.framework-error';

interface Pending {
  problem: ProblemError;
  method: string;
  url: string;
}

const pending = new WeakMap<IncomingMessage, Pending>();

function reroute(app: FastifyInstance, raw: IncomingMessage, res: ServerResponse, entry: Pending) {
  pending.set(raw, entry);
  // As a GET the not-found route parses no body, so a body's own faults (a wrong content type,
  // broken JSON) cannot answer in place of the URL's.
  raw.method = 'GET';
  raw.url = UNROUTED_PATH;
  app.routing(raw, res);
}

/**
 * For the not-found handler: the problem a rerouted request stands for, with the request's method
 * and URL put back for the error response, the log line and the metrics.
 */
export function takeFrameworkProblem(request: FastifyRequest): ProblemError | undefined {
  const entry = pending.get(request.raw);
  if (entry === undefined) return undefined;
  pending.delete(request.raw);
  request.raw.method = entry.method;
  request.raw.url = entry.url;
  return entry.problem;
}

function routerProblem(error: FastifyError): ProblemError {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new ProblemError(
        'invalid-url',
        `The URL path is not valid: ${error.message}. Percent-encode reserved characters (a literal % is %25).`,
      );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ProblemError(
        'uri-too-long',
        'A path segment is longer than this service accepts: ids are at most 64 characters.',
      );
    default:
      return new ProblemError('bad-request', error.message);
  }
}

/** Fastify's `frameworkErrors`: the router could not route the request. */
export function rerouteFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { raw } = request;
  reroute(request.server, raw, reply.raw, {
    problem: routerProblem(error),
    method: raw.method ?? 'GET',
    url: raw.url ?? '/',
  });
}

function parserProblem(error: ConnectionError): ProblemError | undefined {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new ProblemError(
      'headers-too-large',
      'The request headers are larger than this service accepts: send fewer or shorter headers.',
    );
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new ProblemError(
      'request-timeout',
      'The whole request did not arrive in time: send it again without pausing.',
    );
  }
  if (error.code?.startsWith('HPE_')) {
    return new ProblemError('malformed-request', `The request is not valid HTTP/1.1 (${error.code}).`);
  }
  return undefined; // a network error: nobody is left to read an answer
}

/** Leaves the connection at most this long after an error answer started, whatever happens. */
const CLOSE_AFTER_MS = 5_000;

/** A response written straight to a socket Node's HTTP server has let go of; the socket closes after it. */
function closingResponse(raw: IncomingMessage, socket: Socket): ServerResponse {
  const res = new ServerResponse(raw);
  res.shouldKeepAlive = false;
  res.assignSocket(socket);
  const timer = setTimeout(() => socket.destroy(), CLOSE_AFTER_MS);
  timer.unref();
  res.once('finish', () => {
    clearTimeout(timer);
    socket.end();
  });
  return res;
}

/**
 * Fastify's `clientErrorHandler` (`this` is the app): Node's HTTP parser gave up on the bytes, so
 * there is no request; a stand-in request (no headers, the URL unknown) carries the problem
 * through the pipeline, and the connection closes after the answer, as Node's own answer would.
 */
export function rerouteClientError(this: FastifyInstance, error: ConnectionError, socket: Socket) {
  // Bytes that are not HTTP right after a complete request (pipelined on one connection): the
  // request before them is still being answered. That answer goes first; Node's own handling (and
  // Fastify's) would destroy the connection under it.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (inFlight) {
    inFlight.once('finish', () => setImmediate(() => rerouteClientError.call(this, error, socket)));
    return;
  }
  const problem = parserProblem(error);
  if (problem === undefined || socket.destroyed) {
    socket.destroy(error);
    return;
  }
  // Already closing after an answer that said `Connection: close`: nothing more is owed.
  if (!socket.writable) return;
  const raw = new IncomingMessage(socket);
  raw.httpVersionMajor = 1;
  raw.httpVersionMinor = 1;
  raw.httpVersion = '1.1';
  raw.headers = {};
  raw.complete = true;
  const res = closingResponse(raw, socket);
  // '*' (asterisk-form): the parser stopped before the request target could be trusted.
  reroute(this, raw, res, { problem, method: 'GET', url: '*' });
}

/**
 * Node hands a CONNECT request (a proxy tunnel) to the server's 'connect' listeners and, with none,
 * drops the connection unanswered. This service is no proxy: the request goes through the pipeline
 * like any other and, matching no route, gets its 404 problem.
 */
export function answerConnectRequests(app: FastifyInstance) {
  app.server.on('connect', (raw: IncomingMessage, socket: Socket) => {
    socket.on('error', () => socket.destroy());
    app.routing(raw, closingResponse(raw, socket));
  });
}
