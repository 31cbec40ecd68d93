import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseUnavailableError, isRejectedValue, unavailabilityReason } from '../db/database-errors.js';
import { answerConnectRequests, takeFrameworkProblem } from './framework-errors.js';
import {
  PROBLEM_CONTENT_TYPE,
  PROBLEMS,
  type Problem,
  ProblemError,
  type ProblemSlug,
  problemTypeUri,
} from './problem-types.js';

const RETRY_AFTER_SECONDS = '5';

function validationErrors(error: FastifyError): { field: string; message: string }[] {
  return (error.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const extra = (v.params as { additionalProperty?: string }).additionalProperty;
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (extra) return { field: extra, message: `unknown field "${extra}": remove it` };
    if (missing) return { field: missing, message: `${missing} is required` };
    return {
      field: path || String(error.validationContext ?? 'body'),
      message: `${path || 'value'} ${v.message}`,
    };
  });
}

/**
 * Maps any error to a problem slug, detail, extra headers and field errors. Features' own errors
 * extend ProblemError and carry their problem type, so this module knows no feature.
 */
function classify(error: FastifyError): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error.validation) {
    const errors = validationErrors(error);
    const where = error.validationContext ?? 'request';
    return new ProblemError(
      'validation-failed',
      `The ${where} is not valid: ${errors.map((e) => e.message).join('; ')}.`,
      {},
      errors,
    );
  }
  const unavailable = error instanceof DatabaseUnavailableError ? error.reason : unavailabilityReason(error);
  if (unavailable) {
    return new ProblemError(
      'database-unavailable',
      unavailable === 'timeout'
        ? 'The database did not answer in time. Retry after the number of seconds in Retry-After.'
        : 'The database cannot be reached right now. Retry after the number of seconds in Retry-After.',
      { 'retry-after': RETRY_AFTER_SECONDS },
    );
  }
  if (isRejectedValue(error)) {
    return new ProblemError(
      'validation-failed',
      'A value in the request holds something the database cannot store or compare, such as a NUL character (\\u0000): remove it.',
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ProblemError(
        'unsupported-media-type',
        'Send the body as JSON with the header Content-Type: application/json.',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemError('payload-too-large', 'The request body is larger than this service accepts.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ProblemError(
        'malformed-json',
        'The body is empty but Content-Type says JSON: send a JSON object or drop the header.',
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ProblemError('malformed-json', `The body is not valid JSON: ${error.message}.`);
  }
  if (error.statusCode === 400 && error instanceof SyntaxError) {
    return new ProblemError('malformed-json', `The body is not valid JSON: ${error.message}.`);
  }
  if (error.statusCode === 429) {
    return new ProblemError(
      'rate-limited',
      `${error.message} Slow down and retry after the RateLimit-Reset seconds.`,
    );
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new ProblemError('bad-request', error.message);
  }
  return new ProblemError(
    'internal-error',
    'Something went wrong on our side. Quote the requestId when reporting it.',
  );
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  slug: ProblemSlug,
  detail: string,
  errors?: Problem['errors'],
) {
  const { status, title } = PROBLEMS[slug];
  const problem: Problem = {
    type: problemTypeUri(slug),
    title,
    status,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/** Every error leaves as application/problem+json; a stack trace only ever goes to the log. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = classify(error);
    const { status } = PROBLEMS[problem.slug];
    if (status >= 500 && problem.slug !== 'database-unavailable' && problem.slug !== 'overloaded') {
      request.log.error({ err: error }, 'request failed');
    } else if (problem.slug === 'database-unavailable') {
      request.log.warn({ err: { message: error.message, code: error.code } }, 'database unavailable');
    }
    for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
    return sendProblem(request, reply, problem.slug, problem.message, problem.errors);
  });

  answerConnectRequests(app);
  app.setNotFoundHandler((request, reply) => {
    // A request the router or the HTTP parser rejected, sent through the hooks (framework-errors.ts).
    const frameworkProblem = takeFrameworkProblem(request);
    if (frameworkProblem !== undefined) throw frameworkProblem;
    return sendProblem(
      request,
      reply,
      'route-not-found',
      `There is no ${request.method} ${request.url.split('?')[0]}. See /docs for the API.`,
    );
  });
}
