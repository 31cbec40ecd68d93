/**
 * A stand-in for the load balancer in front of the service: a small HTTP(S) reverse proxy on a
 * loopback port. The real ALB cannot run here; this fake lets the tests put TLS in front of the
 * real service and reproduce ingress mistakes (metrics routed publicly, headers stripped).
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface FakeIngressOptions {
  /** Where requests go, e.g. the service's public URL. */
  upstream: string;
  /** Path prefixes routed to another upstream instead (a misconfigured rule). */
  routes?: Record<string, string>;
  /** Response headers removed on the way out (a proxy that drops them). */
  dropHeaders?: string[];
  /** Serve https with this key and certificate (PEM) instead of plain http. */
  tls?: { key: string; cert: string };
}

export interface FakeIngress {
  url: string;
  close(): Promise<void>;
}

export async function startFakeIngress(options: FakeIngressOptions): Promise<FakeIngress> {
  const drop = new Set((options.dropHeaders ?? []).map((h) => h.toLowerCase()));
  const handler = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const path = incoming.url ?? '/';
    const target =
      Object.entries(options.routes ?? {}).find(([prefix]) => path.startsWith(prefix))?.[1] ??
      options.upstream;
    const upstream = new URL(path, target);
    const forward = request(
      upstream,
      { method: incoming.method, headers: { ...incoming.headers, host: upstream.host } },
      (answer) => {
        const headers = Object.fromEntries(
          Object.entries(answer.headers).filter(([name]) => !drop.has(name)),
        );
        // Where TLS terminates, the ingress sends HSTS (the service behind it speaks plain http).
        if (options.tls && !drop.has('strict-transport-security')) {
          headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
        }
        outgoing.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forward);
  };
  const server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
