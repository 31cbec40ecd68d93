import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { PATHS } from '@slipway/contract';
import {
  type PostgresServer,
  type ServiceProcess,
  startPostgres,
  startServiceProcess,
} from '@slipway/testing';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { createTracing, LOG_TRACE_FIELDS } from '../src/tracing/index.js';

// Counts loads of the module that holds the OpenTelemetry SDK, to show it is loaded only when on.
const sdkLoads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../src/tracing/otel-tracing.js', async (importOriginal) => {
  sdkLoads.count += 1;
  return importOriginal();
});

/** What the OTLP/HTTP JSON exporter sends, as far as these tests read it. */
interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: number | string } }[];
  status: { code?: number };
}
interface TraceExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: ExportedSpan[] }[];
  }[];
}

/** A tiny OTLP/HTTP receiver: collects what the service's exporter posts to /v1/traces. */
async function startOtlpReceiver() {
  const exports: TraceExport[] = [];
  const contentTypes: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') {
        contentTypes.push(String(request.headers['content-type']));
        exports.push(JSON.parse(body) as TraceExport);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        response.writeHead(404).end();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    contentTypes,
    spans: () =>
      exports.flatMap((e) =>
        e.resourceSpans.flatMap((rs) =>
          rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => ({ span, resource: rs.resource }))),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const attribute = (span: ExportedSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
};

async function eventually<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

describe('tracing on: the real service on PostgreSQL exports spans to an OTLP/HTTP receiver', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let postgres: PostgresServer;
  let service: ServiceProcess;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    postgres = await startPostgres();
    service = await startServiceProcess({
      DATABASE_URL: await postgres.createDatabase('tracing'),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'slipway-under-test',
      // Export every 100 ms instead of every 5 s, so the test does not wait.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  });
  afterAll(async () => {
    await service?.stop();
    await postgres?.stop();
    await receiver?.close();
  });

  const SERVER = 2;
  const CLIENT = 3;
  const spanFor = (path: string) =>
    eventually(
      () => receiver.spans().find(({ span }) => span.kind === SERVER && attribute(span, 'url.path') === path),
      `a span for ${path}`,
    );
  const logLineFor = (path: string) =>
    eventually(
      () =>
        service.output
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .find((entry) => entry.url === path && entry.msg === 'request completed'),
      `the request log line for ${path}`,
    );

  it('names the span after the route template and records method, route and status', async () => {
    const path = `${PATHS.users}/00000000-0000-4000-8000-000000000000`;
    const response = await fetch(`${service.url}${path}`);
    await response.arrayBuffer();

    const { span, resource } = await spanFor(path);
    expect(span.name).toBe(`GET ${PATHS.users}/:id`);
    expect(span.kind).toBe(SERVER);
    expect(attribute(span, 'http.route')).toBe(`${PATHS.users}/:id`);
    expect(attribute(span, 'http.request.method')).toBe('GET');
    expect(attribute(span, 'http.response.status_code')).toBe(response.status);
    expect(resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'slipway-under-test' },
    });
    expect(receiver.contentTypes[0]).toBe('application/json');
  });

  it('records each PostgreSQL query as a client span inside the request trace', async () => {
    const path = `${PATHS.users}?limit=2`;
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    await (
      await fetch(`${service.url}${path}`, { headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } })
    ).arrayBuffer();

    const inTrace = () => receiver.spans().filter(({ span }) => span.traceId === traceId);
    const { span: query } = await eventually(
      () => inTrace().find(({ span }) => span.kind === CLIENT && /select/i.test(span.name)),
      'a query span in the request trace',
    );
    expect(attribute(query, 'db.system') ?? attribute(query, 'db.system.name')).toBe('postgresql');
    const names = inTrace().map(({ span }) => span.name);
    expect(names).toEqual(expect.arrayContaining([`GET ${PATHS.users}`, 'pg-pool.connect']));
  });

  it('writes the same trace id into the request log line', async () => {
    const path = PATHS.users;
    await (await fetch(`${service.url}${path}`)).arrayBuffer();

    const { span } = await spanFor(path);
    const line = await logLineFor(path);
    expect(line[LOG_TRACE_FIELDS.traceId]).toBe(span.traceId);
    expect(line[LOG_TRACE_FIELDS.spanId]).toBe(span.spanId);
  });

  it('continues the trace of an incoming traceparent header', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentId = '00f067aa0ba902b7';
    const path = `${PATHS.users}?limit=1`;
    // url.path is the path alone: the query string is the client's and may carry anything.
    await (
      await fetch(`${service.url}${path}`, { headers: { traceparent: `00-${traceId}-${parentId}-01` } })
    ).arrayBuffer();

    const { span } = await eventually(
      () => receiver.spans().find(({ span }) => span.traceId === traceId && span.kind === SERVER),
      'a span in the incoming trace',
    );
    expect(span.parentSpanId).toBe(parentId);
    expect(span.name).toBe(`GET ${PATHS.users}`);
    expect(attribute(span, 'url.path')).toBe(PATHS.users);
  });
});

describe('tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('loads no OpenTelemetry SDK until an endpoint is set', async () => {
    const off = await createTracing(loadConfig({}));
    expect(sdkLoads.count).toBe(0);
    const on = await createTracing(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' }));
    expect(sdkLoads.count).toBe(1);
    await on.shutdown();
    await off.shutdown();
  });

  it('adds no hooks, starts no span and adds nothing to log lines', async () => {
    const tracing = await createTracing(loadConfig({}));
    const app = Fastify();
    const addHook = vi.spyOn(app, 'addHook');
    await app.register(tracing.plugin);
    let activeSpan: unknown = 'not called';
    app.get('/probe', async () => {
      activeSpan = trace.getActiveSpan();
      return tracing.logMixin();
    });
    const response = await app.inject({ url: '/probe' });

    expect(addHook).not.toHaveBeenCalled();
    expect(activeSpan).toBeUndefined();
    expect(response.json()).toEqual({});
    await tracing.shutdown();
    await app.close();
  });
});
