import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy between the service and PostgreSQL that can add latency to every chunk, both ways:
 * a slow network or a database that answers slowly, on demand, without touching either side.
 * Order is kept: a chunk never overtakes the one before it. Written here because what it needs
 * (one switch, loopback only, a few lines) is smaller than any proxy package's setup.
 */
export interface DelayProxy {
  port: number;
  /** Latency added to each chunk from now on (0: pass through). */
  setDelay(ms: number): void;
  /** Connections open now (service ↔ database). */
  connections(): number;
  close(): Promise<void>;
}

function delayedPipe(from: Socket, to: Socket, delay: () => number) {
  let lastDue = 0;
  from.on('data', (chunk) => {
    const ms = delay();
    if (ms === 0 && lastDue <= performance.now()) {
      to.write(chunk);
      return;
    }
    const due = Math.max(performance.now() + ms, lastDue);
    lastDue = due;
    setTimeout(() => to.writable && to.write(chunk), due - performance.now());
  });
  from.on('end', () => {
    const wait = Math.max(0, lastDue - performance.now());
    setTimeout(() => to.end(), wait);
  });
}

export async function startDelayProxy(targetPort: number): Promise<DelayProxy> {
  let delayMs = 0;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    }
    // Either side failing ends both, as a broken network path would.
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => setTimeout(() => client.destroy(), delayMs));
    delayedPipe(client, upstream, () => delayMs);
    delayedPipe(upstream, client, () => delayMs);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    setDelay(ms) {
      delayMs = ms;
    },
    connections: () => open.size / 2,
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
