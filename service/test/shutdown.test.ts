import { Agent, request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { PATHS } from '@slipway/contract';
import { startServiceProcess } from '@slipway/testing';
import { describe, expect, it } from 'vitest';
import { bodyOf } from './support/test-app.js';

// These tests run the real server as a child process and send it real signals.
const DRAIN_SECONDS = 1;
const SLOW_MS = 1800;

function slowUpload(url: string, body: string, pieces: number, gapMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL('/api/users', url);
    const req = httpRequest(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    const size = Math.ceil(body.length / pieces);
    let sent = 0;
    const next = () => {
      req.write(body.slice(sent, sent + size));
      sent += size;
      if (sent < body.length) setTimeout(next, gapMs);
      else req.end();
    };
    next();
  });
}

describe('graceful shutdown of the real process', () => {
  it('drains: readiness 503 at once, in-flight requests and a slow upload finish, idle keep-alive closed, exit 0', async () => {
    const service = await startServiceProcess({
      SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
      SHUTDOWN_TIMEOUT_SECONDS: '10',
      KEEP_ALIVE_TIMEOUT_SECONDS: '600',
      FAULT_INJECTION_ENABLED: 'true',
      FAULT_DELAY_MS: String(SLOW_MS),
      FAULT_ROUTES: '/api/users/:id',
    });
    // An idle keep-alive connection that must not hold up the exit.
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      httpRequest(`${service.url}/`, { agent }, (res) => res.resume().on('end', resolve)).end(),
    );

    const slowRequest = fetch(`${service.url}/api/users/slow-one`).then((r) => r.status);
    const upload = slowUpload(service.url, JSON.stringify({ dni: 'UPLOAD1', name: 'slow upload' }), 6, 300);
    await sleep(200);
    const signalledAt = performance.now();
    service.child.kill('SIGTERM');
    await sleep(150);
    const during = await fetch(`${service.url}${PATHS.readiness}`);
    expect(during.status).toBe(503);
    expect((await bodyOf(during)).status).toBe('draining');
    expect((await fetch(`${service.url}${PATHS.liveness}`)).status).toBe(200); // still serving in the drain

    expect(await slowRequest).toBe(404); // answered (after its delay), not cut off
    expect(await upload).toBe(201);
    const code = await service.exited;
    const elapsed = performance.now() - signalledAt;
    agent.destroy();
    await service.stop();
    expect(code).toBe(0);
    // Exited long before the 600 s keep-alive and the 10 s bound: the idle connection was closed.
    expect(elapsed).toBeLessThan(10_000);
    expect(service.output.some((line) => line.includes('shutdown complete'))).toBe(true);
  });

  it('exits at once on a second signal', async () => {
    const service = await startServiceProcess({
      SHUTDOWN_DRAIN_SECONDS: '30',
      SHUTDOWN_TIMEOUT_SECONDS: '60',
    });
    service.child.kill('SIGTERM');
    await sleep(200);
    service.child.kill('SIGINT');
    const code = await Promise.race([service.exited, sleep(5000).then(() => 'still running')]);
    await service.stop();
    expect(code).toBe(130);
  });
});

describe('shutdown with an OTLP collector that never answers (fake TCP black hole)', () => {
  it('gives up flushing spans after a bounded time and still exits 0', async () => {
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const blackHole = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await new Promise((resolve) => blackHole.once('listening', resolve));
    const port = (blackHole.address() as import('node:net').AddressInfo).port;
    const service = await startServiceProcess({
      SHUTDOWN_DRAIN_SECONDS: '0',
      SHUTDOWN_TIMEOUT_SECONDS: '15',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
    });
    try {
      expect((await fetch(`${service.url}/api/users`)).status).toBe(200); // a span waits to be exported
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      expect(service.output.some((line) => line.includes('"part":"tracing"'))).toBe(true);
    } finally {
      await service.stop();
      for (const socket of sockets) socket.destroy();
      blackHole.close();
    }
  });
});
