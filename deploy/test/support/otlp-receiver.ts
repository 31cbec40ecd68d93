/**
 * A stand-in for the cluster's OTLP collector (Tempo cannot run here): an HTTP server on the host's
 * loopback, on the port the manifest's OTEL endpoint names, that accepts OTLP/HTTP exports and
 * counts them. The container reaches it through an /etc/hosts entry for the collector's name.
 */
import { createServer } from 'node:http';

export interface OtlpReceiver {
  port: number;
  /** Paths of the export requests received, e.g. /v1/traces. */
  requests: string[];
  close(): Promise<void>;
}

export function startOtlpReceiver(port: number): Promise<OtlpReceiver> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new Error(`cannot listen on 127.0.0.1:${port} for the stand-in OTLP collector: ${error.message}`),
      ),
    );
    server.listen(port, '127.0.0.1', () =>
      resolve({ port, requests, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}
