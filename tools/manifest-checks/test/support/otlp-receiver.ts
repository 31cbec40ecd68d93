/**
 * A stand-in for the cluster's OTLP collector (Tempo cannot run here): an HTTP server on the host's
 * loopback, on the port the manifest's OTEL endpoint names, that accepts OTLP/HTTP exports and
 * counts them. The container reaches it through an /etc/hosts entry for the collector's name.
 *
 * The port is fixed by the manifest, so a second run on the same machine (another checkout's
 * suite) waits for it instead of failing at once.
 */
import { createServer, type Server } from 'node:http';

export interface OtlpReceiver {
  port: number;
  /** Paths of the export requests received, e.g. /v1/traces. */
  requests: string[];
  close(): Promise<void>;
}

const WAIT_FOR_PORT_MS = 180_000;

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startOtlpReceiver(port: number): Promise<OtlpReceiver> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const deadline = Date.now() + WAIT_FOR_PORT_MS;
  for (;;) {
    try {
      await listen(server, port);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || Date.now() > deadline) {
        throw new Error(
          `cannot listen on 127.0.0.1:${port} for the stand-in OTLP collector: ${(error as Error).message}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  return { port, requests, close: () => new Promise((done) => server.close(() => done())) };
}
