/**
 * The service's entry point: configuration, database, HTTP and metrics servers, schema, signals.
 * `src/app.ts` builds the app; this file only starts it.
 */
import { once } from 'node:events';
import { type Config, EXIT_CODE_CONFIG_ERROR } from '@slipway/contract';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, secretSource } from './config/index.js';
import { createDatabase } from './db/database.js';
import { explainListenError, StartupError } from './listen-error.js';
import { logDestination } from './logging/log-destination.js';
import { createMetricsServer } from './metrics/metrics-server.js';
import { createServiceMetrics } from './metrics/service-metrics.js';
import { readBuildInfo } from './runtime/build-info.js';
import { createLifecycle } from './runtime/lifecycle.js';
import { installShutdown } from './shutdown.js';
import { prepareSchema } from './startup.js';
import { createTracing } from './tracing/index.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_CODE_CONFIG_ERROR);
  }
}

async function main() {
  const config = configOrExit();
  const build = readBuildInfo(config);
  const metrics = createServiceMetrics({ version: build.version, commit: build.commit });
  const lifecycle = createLifecycle(metrics);
  const tracing = await createTracing(config);
  let onPoolError: (error: Error) => void = () => {};
  const database = await createDatabase(config, {
    metrics,
    onPoolError: (error) => onPoolError(error),
    readSecret: secretSource(config),
  });
  const logStream = await logDestination();
  const app = await buildApp({ config, database, metrics, lifecycle, tracing, logStream });
  const log = app.log;
  onPoolError = (error) => log.warn({ err: { message: error.message } }, 'idle database connection lost');

  if (config.API_TOKENS === '') {
    log.warn(
      'WRITES ARE OPEN: API_TOKENS is empty, so anyone who can reach this service can create, change and delete users. Set API_TOKENS before exposing it (staging and production require it).',
    );
  }
  if (config.SECRET_KEY === '')
    log.warn('SECRET_KEY is empty: pagination cursors are signed with a key of this process only');

  const metricsServer = createMetricsServer(metrics.registry);
  metricsServer.listen(config.METRICS_PORT, config.METRICS_HOST);
  installShutdown({
    config,
    app,
    metricsServer,
    lifecycle,
    log,
    closers: [
      { name: 'tracing', close: () => tracing.shutdown() },
      { name: 'database', close: () => database.close() },
    ],
  });
  try {
    await once(metricsServer, 'listening');
    await app.listen({ host: config.HOST, port: config.PORT });
  } catch (error) {
    const metricsFailed = !metricsServer.listening;
    throw explainListenError(error, {
      host: metricsFailed ? config.METRICS_HOST : config.HOST,
      port: metricsFailed ? config.METRICS_PORT : config.PORT,
      portVariable: metricsFailed ? 'METRICS_PORT' : 'PORT',
      hostVariable: metricsFailed ? 'METRICS_HOST' : 'HOST',
    });
  }
  log.info(
    {
      url: `http://${config.HOST}:${config.PORT}`,
      version: build.version,
      commit: build.commit,
      database: database.location,
      metricsPort: config.METRICS_PORT,
    },
    'serving; applying the database schema before reporting ready',
  );
  await prepareSchema(config, database, log);
  lifecycle.markReady();
  log.info({ startupMs: Math.round(performance.now()) }, 'ready');
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    process.stderr.write(`slipway cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`slipway failed to start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
