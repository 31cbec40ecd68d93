import { randomBytes } from 'node:crypto';
import { type Config, splitList } from '@slipway/contract';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Database } from './db/database.js';
import { requireBearerToken } from './http/bearer-auth.js';
import { registerErrorHandling } from './http/error-handler.js';
import { registerFaultInjection } from './http/fault-injection.js';
import { rerouteClientError, rerouteFrameworkError } from './http/framework-errors.js';
import { Problem } from './http/problem-types.js';
import { REQUEST_ID_HEADER, requestId } from './http/request-id.js';
import { requestMetrics } from './http/request-metrics.js';
import { sharedResponseSerializers } from './http/response-serializers.js';
import { registerSchemaValidators } from './http/schema-validators.js';
import { loggerOptions } from './logging/logger-options.js';
import type { ServiceMetrics } from './metrics/service-metrics.js';
import { registerApiDocs } from './plugins/api-docs.js';
import { registerLoadShedding } from './plugins/load-shedding.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { securityHeaders } from './plugins/security-headers.js';
import { infoRoutes } from './routes/info-routes.js';
import { probeRoutes } from './routes/probe-routes.js';
import { readBuildInfo } from './runtime/build-info.js';
import type { Lifecycle } from './runtime/lifecycle.js';
import type { Tracing } from './tracing/index.js';
import { createPageCursors } from './users/page-cursor.js';
import { USER_SCHEMAS } from './users/user-schemas.js';
import { createUsersRepository } from './users/users-repository.js';
import { usersRoutes } from './users/users-routes.js';

export interface AppDependencies {
  config: Config;
  database: Database;
  metrics: ServiceMetrics;
  lifecycle: Lifecycle;
  tracing: Tracing;
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
}

/** The one log line of a request, with the route template. */
function logCompleted(request: FastifyRequest, reply: FastifyReply): void {
  const query = request.url.indexOf('?');
  request.log.info(
    {
      method: request.method,
      // The path only: a query string is the client's to fill and could carry anything.
      url: query === -1 ? request.url : request.url.slice(0, query),
      route: request.routeOptions.url,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
    },
    'request completed',
  );
}

/** Builds the public HTTP app: every plugin, hook and route, but does not listen. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database, metrics, lifecycle, tracing } = deps;
  const build = readBuildInfo(config);
  const app = Fastify({
    logger: loggerOptions(config, tracing.logMixin, deps.logStream),
    genReqId: requestId,
    // One log line per request (below), with the route template, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    requestTimeout: config.REQUEST_TIMEOUT_SECONDS * 1000,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    // Close idle keep-alive connections as soon as close() is called, so a 65 s keep-alive never
    // holds up shutdown; in-flight requests still finish.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: { buildSerializer: sharedResponseSerializers() } },
    // Requests the router or Node's HTTP parser reject go through the hooks and the error handler too.
    frameworkErrors: rerouteFrameworkError,
    clientErrorHandler: rerouteClientError,
  });

  // The hooks every request runs are plain callbacks, each a single one: an async hook costs a
  // promise and a trip through the microtask queue per request.
  // First of all, so that every answer carries them, including one a later hook gives (429, 503, 401).
  const setSecurityHeaders = securityHeaders(config);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    setSecurityHeaders(request, reply);
    done();
  });
  // Any response sent while draining (even for a request that began before) closes its connection,
  // so keep-alive clients reconnect to another replica and no socket outlives the shutdown.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (lifecycle.phase === 'draining') reply.header('connection', 'close');
    done(null, payload);
  });
  const recordMetrics = requestMetrics(metrics);
  app.addHook('onResponse', (request, reply, done) => {
    logCompleted(request, reply);
    recordMetrics(request, reply);
    done();
  });
  registerErrorHandling(app);
  // Shared schemas live on the root: adding them inside a route plugin would give that plugin a
  // schema controller of its own, without the validators registered here.
  app.addSchema(Problem);
  for (const schema of USER_SCHEMAS) app.addSchema(schema);
  registerSchemaValidators(app);
  // Only JSON bodies are accepted: without its text/plain parser Fastify answers 415 for anything else.
  app.removeContentTypeParser('text/plain');
  await app.register(tracing.plugin);
  await registerLoadShedding(app, config, metrics);
  await registerRateLimit(app, config);
  await registerApiDocs(app, config, build.version);
  registerFaultInjection(app, config);

  const cursorKey = config.SECRET_KEY === '' ? randomBytes(32) : Buffer.from(config.SECRET_KEY, 'utf8');
  await app.register(probeRoutes, { database, lifecycle });
  await app.register(infoRoutes, { config, build });
  await app.register(usersRoutes, {
    users: createUsersRepository(database),
    cursors: createPageCursors(cursorKey),
    requireWriteToken: requireBearerToken(splitList(config.API_TOKENS)),
  });
  return app;
}
