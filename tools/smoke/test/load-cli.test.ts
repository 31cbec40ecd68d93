import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServiceProcess } from '@slipway/testing';
import { describe, expect, it } from 'vitest';
import { runSmokeCli } from './run-smoke-cli.js';

describe('load CLI (bounded: 2 s, 4 connections, loopback only)', () => {
  it('passes against the real service, counting rate-limited answers apart', async () => {
    // A low rate limit makes the run cross it, so the 429 accounting is exercised too.
    const service = await startServiceProcess({ RATE_LIMIT_MAX: '50', SHUTDOWN_DRAIN_SECONDS: '0' });
    try {
      const run = await runSmokeCli(
        [service.url, '--duration', '2', '--connections', '4'],
        {},
        'load-cli.ts',
      );

      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/requests, [\d.]+ req\/s, latency p50 [\d.]+ ms/);
      expect(run.stdout).toMatch(/4xx [1-9]\d* \(429 is the rate limit\), 5xx 0, errors 0, timeouts 0/);
      expect(run.stdout).toContain('PASS  every request was answered without a server error');
    } finally {
      await service.stop();
    }
  });

  it('fails against a fake server that answers 500', async () => {
    const failing = createServer((_request, response) => response.writeHead(500).end('boom'));
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
      const run = await runSmokeCli([url, '--duration', '1', '--connections', '2'], {}, 'load-cli.ts');

      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/FAIL {2}\d+ of \d+ requests failed \(0 succeeded\)/);
    } finally {
      failing.closeAllConnections();
      await new Promise((resolve) => failing.close(resolve));
    }
  });
});
