import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '@slipway/contract';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Lifecycle } from './runtime/lifecycle.js';
import { withinTimeout } from './runtime/time-limit.js';

export interface ShutdownParts {
  config: Config;
  app: FastifyInstance;
  metricsServer: Server;
  lifecycle: Lifecycle;
  log: FastifyBaseLogger;
  /** Closed last, in order (tracing exporter, database); each gets CLOSE_STEP_TIMEOUT_MS. */
  closers: { name: string; close: () => Promise<void> }[];
  exit?: (code: number) => void;
}

/** The most one closing step (e.g. flushing spans to an unreachable collector) may take. */
export const CLOSE_STEP_TIMEOUT_MS = 3000;

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Graceful shutdown on SIGTERM/SIGINT:
 * 1. readiness turns 503 at once (load balancers and endpoints stop sending new traffic);
 * 2. the server keeps serving for SHUTDOWN_DRAIN_SECONDS, because endpoint removal takes a while to
 *    reach every node and load balancer;
 * 3. it stops accepting, closes idle keep-alive connections at once, lets in-flight requests finish;
 * 4. closes the metrics server, the tracing exporter and the database, and exits 0.
 * The whole sequence is bounded by SHUTDOWN_TIMEOUT_SECONDS (exit 1 if exceeded); a second signal
 * exits at once.
 */
export function installShutdown(parts: ShutdownParts): void {
  const { config, app, metricsServer, lifecycle, log } = parts;
  const exit = parts.exit ?? ((code: number) => process.exit(code));
  let started = false;

  const shutdown = async (signal: NodeJS.Signals) => {
    if (started) {
      log.warn({ signal }, 'second signal during shutdown: exiting now');
      exit(130);
      return;
    }
    started = true;
    lifecycle.markDraining();
    log.info(
      {
        signal,
        drainSeconds: config.SHUTDOWN_DRAIN_SECONDS,
        timeoutSeconds: config.SHUTDOWN_TIMEOUT_SECONDS,
      },
      'shutdown started: readiness now fails, still serving during the drain',
    );
    const deadline = setTimeout(() => {
      log.error(
        { timeoutSeconds: config.SHUTDOWN_TIMEOUT_SECONDS },
        'shutdown did not finish in time: exiting',
      );
      exit(1);
    }, config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
    deadline.unref();
    try {
      await sleep(config.SHUTDOWN_DRAIN_SECONDS * 1000);
      log.info('drain over: no longer accepting connections, finishing in-flight requests');
      await app.close();
      await closeServer(metricsServer);
      // Requests are done at this point: a part that cannot close cleanly (a collector that is
      // down) is logged and skipped, and the exit is still a clean one.
      for (const { name, close } of parts.closers) {
        try {
          await withinTimeout(close(), CLOSE_STEP_TIMEOUT_MS);
        } catch (error) {
          log.warn(
            { part: name, err: { message: (error as Error).message } },
            'could not close cleanly; continuing',
          );
        }
      }
      log.info('shutdown complete');
      clearTimeout(deadline);
      exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      exit(1);
    }
  };

  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}
