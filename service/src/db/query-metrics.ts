import type { LogEvent } from 'kysely';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import { errorReason } from './database-errors.js';

function queryOperation(event: LogEvent): string {
  const kind = event.query.query.kind;
  const match = /^(Select|Insert|Update|Delete)QueryNode$/.exec(kind);
  return match ? match[1]!.toLowerCase() : 'other';
}

/** Kysely's query log, turned into the database metrics: duration by operation and outcome, errors by reason. */
export function metricsLogger(metrics: ServiceMetrics | undefined) {
  if (metrics === undefined) return undefined;
  return (event: LogEvent) => {
    const operation = queryOperation(event);
    const outcome = event.level === 'error' ? 'error' : 'success';
    metrics.dbDuration.observe({ operation, outcome }, event.queryDurationMillis / 1000);
    if (event.level === 'error') metrics.dbErrors.inc({ operation, reason: errorReason(event.error) });
  };
}
