/**
 * A stand-in for Grafana and Tempo (neither runs on these machines): it serves the titles of the
 * dashboard files the generator provisioned at Grafana's search API, receives the service's spans
 * as Tempo's OTLP/HTTP receiver would, and answers Tempo's trace query for the trace ids it
 * received. Only the three calls the stack checks make.
 */
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export async function startFakeGrafana(dashboardsDir: string) {
  const traceIds = new Set<string>();
  const titles = readdirSync(dashboardsDir).map(
    (file) => (JSON.parse(readFileSync(join(dashboardsDir, file), 'utf8')) as { title: string }).title,
  );
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const trace = /^\/api\/traces\/([0-9a-f]{32})$/.exec(url.pathname);
      if (request.method === 'POST' && url.pathname === '/v1/traces') {
        const spans = (
          JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] }
        ).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
        for (const span of spans) traceIds.add(span.traceId);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else if (url.pathname === '/api/search' && url.searchParams.get('type') === 'dash-db') {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(titles.map((title) => ({ title }))));
      } else if (trace) {
        response.writeHead(traceIds.has(trace[1]!) ? 200 : 404).end();
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
