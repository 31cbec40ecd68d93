import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PATHS } from '@slipway/contract';
import { type ServiceProcess, startServiceProcess } from '@slipway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alloyLokiProcess, logShipperPipeline } from '../src/index.js';

/** Follows a JMESPath made of plain field names (all the pipeline uses). */
const fieldAt = (line: Record<string, unknown>, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], line);

// No Alloy binary runs here, so the pipeline is checked against what it reads: the JSON paths
// must resolve in the real service's request log lines.
describe("the log shipper pipeline against the real service's log lines", () => {
  let service: ServiceProcess;
  let collector: ReturnType<typeof createServer>;
  beforeAll(async () => {
    // A stand-in OTLP collector that accepts and drops spans, so tracing is on and lines carry trace ids.
    collector = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    collector.listen(0, '127.0.0.1');
    await once(collector, 'listening');
    const { port } = collector.address() as AddressInfo;
    service = await startServiceProcess({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await service?.stop();
    collector?.close();
  });

  it('finds every extracted field in a request log line', async () => {
    const response = await fetch(`${service.url}${PATHS.users}/00000000-0000-4000-8000-000000000000`);
    await response.arrayBuffer();
    const line = await (async () => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const found = service.output
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>)
          .find((l) => l.statusCode === response.status && String(l.url ?? '').startsWith(`${PATHS.users}/`));
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no request log line in:\n${service.output.join('\n')}`);
    })();

    const pipeline = logShipperPipeline();
    const fromLine = [...pipeline.labels, ...pipeline.structuredMetadata].filter((f) => f.jsonPath !== '');
    const values = Object.fromEntries(fromLine.map((f) => [f.name, fieldAt(line, f.jsonPath)]));
    expect(values).toEqual({
      level: 30,
      req_id: response.headers.get('x-request-id'),
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      route: `${PATHS.users}/:id`,
      status: 404,
    });
    expect(pipeline.levelNames[String(values.level)]).toBe('info');
  });

  it('makes only bounded fields labels; ids, routes and status codes stay structured metadata', () => {
    const pipeline = logShipperPipeline();
    expect(pipeline.labels.map((f) => f.name)).toEqual(['level']);
    expect(pipeline.structuredMetadata.map((f) => f.name)).toEqual(
      expect.arrayContaining(['req_id', 'trace_id', 'route', 'status', 'pod']),
    );
    const alloy = alloyLokiProcess('service_json', 'loki.write.default.receiver');
    expect(alloy).toContain('values = { level = "" }');
    expect(alloy).toContain('trace_id = "trace_id"');
    expect(alloy).toContain('{{ else if eq .Value "50" }}error');
  });
});
