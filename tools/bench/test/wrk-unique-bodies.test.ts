/**
 * A warm-up, its measured run and the profiled run all create users in the same database: a dni
 * sent by one run must never come back in another, or the later run measures 409 answers instead
 * of creates. A real wrk against a loopback server that refuses a dni it has seen.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeWithTool } from '@slipway/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runWrk } from '../src/load/wrk.js';
import { planCpus } from '../src/machine/cpu-pinning.js';
import { benchTools } from '../src/run/required-tools.js';

describeWithTool('wrk POST bodies', benchTools(), () => {
  const seen = new Set<string>();
  let duplicates = 0;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        const { dni } = JSON.parse(body) as { dni: string };
        const fresh = !seen.has(dni);
        if (!fresh) duplicates += 1;
        seen.add(dni);
        response.writeHead(fresh ? 201 : 409).end();
      });
    });
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/users`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('never repeat a dni from one run to the next, and every dni fits the 13 characters a dni may have', async () => {
    const shape = { cpu: planCpus().load, connections: 2, seconds: 1 };
    const first = await runWrk({ url, createsUsers: true }, shape);
    const second = await runWrk({ url, createsUsers: true }, shape);
    expect(first.requests).toBeGreaterThan(0);
    expect(second.requests).toBeGreaterThan(0);
    expect({ duplicates, errors: first.errors + second.errors }).toEqual({ duplicates: 0, errors: 0 });
    expect([...seen].filter((dni) => !/^[0-9A-Za-z-]{1,13}$/.test(dni))).toEqual([]);
  });
});
