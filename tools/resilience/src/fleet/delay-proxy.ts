import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { onCpus } from '../host/cpu-pinning.js';

/**
 * A TCP proxy between the service and PostgreSQL that can add latency to every chunk, both ways:
 * a slow network or a database that answers slowly, on demand, without touching either side.
 * Order is kept: a chunk never overtakes the one before it. Written here because what it needs
 * (one switch, loopback only, a few lines) is smaller than any proxy package's setup.
 */
export interface DelayProxy {
  port: number;
  /** Latency added to each chunk from now on (0: pass through); resolves once it applies. */
  setDelay(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** The proxy in this process (the child below runs it). */
export interface LocalDelayProxy {
  port: number;
  setDelay(ms: number): void;
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

export async function listenDelayProxy(targetPort: number): Promise<LocalDelayProxy> {
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
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Starts the proxy in a process of its own, on the servers' CPUs: it is part of the network, and
 * must not pause with the load generator's garbage collections (a pause there would look like a
 * database stall to the service).
 */
export async function startDelayProxy(targetPort: number, cpus: string): Promise<DelayProxy> {
  const [command, args] = onCpus(cpus, process.execPath, [
    '--import',
    'tsx',
    join(import.meta.dirname, 'delay-proxy-process.ts'),
    String(targetPort),
  ]);
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () =>
    new Promise<{ port?: number }>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the delay proxy exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message as { port?: number });
      });
    });
  const { port } = await next();
  if (port === undefined) throw new Error('the delay proxy reported no port');
  return {
    port,
    async setDelay(ms) {
      const acknowledged = next();
      child.send({ delayMs: ms });
      await acknowledged;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}
