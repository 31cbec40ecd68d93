/**
 * Fastify hooks that open a SERVER span per request, named `<METHOD> <route template>`, continue an
 * incoming W3C `traceparent`, and make the span active for the rest of the request.
 */
import {
  context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import { UNMATCHED_ROUTE_LABEL } from '@slipway/contract';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';

const propagator = new W3CTraceContextPropagator();
const spans = new WeakMap<FastifyRequest, Span>();

const headerGetter = {
  keys: (headers: FastifyRequest['headers']) => Object.keys(headers),
  get: (headers: FastifyRequest['headers'], key: string) => headers[key],
};

export function requestSpansPlugin(tracer: Tracer): FastifyPluginAsync {
  return async (app) => {
    // A callback hook (not async) so that `done` — and with it every later hook, the handler and
    // the response — runs inside `context.with`, which is what makes the span the active one.
    app.addHook('onRequest', (request, _reply, done) => {
      const route = request.routeOptions.url ?? UNMATCHED_ROUTE_LABEL;
      const parent = propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
      const span = tracer.startSpan(
        `${request.method} ${route}`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            [ATTR_HTTP_REQUEST_METHOD]: request.method,
            [ATTR_HTTP_ROUTE]: route,
            [ATTR_URL_PATH]: request.url.split('?', 1)[0],
            [ATTR_URL_SCHEME]: request.protocol,
          },
        },
        parent,
      );
      spans.set(request, span);
      context.with(trace.setSpan(parent, span), done);
    });

    app.addHook('onError', async (request, _reply, error) => {
      spans.get(request)?.recordException(error);
    });

    app.addHook('onResponse', async (request, reply) => {
      const span = spans.get(request);
      if (span === undefined) return;
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      spans.delete(request);
    });

    app.addHook('onRequestAbort', async (request) => {
      const span = spans.get(request);
      if (span === undefined) return;
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'client closed the connection' });
      span.end();
      spans.delete(request);
    });
  };
}
