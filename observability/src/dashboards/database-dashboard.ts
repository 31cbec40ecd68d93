/** The database as the service sees it: query latency and rate, errors, and the connection pool. */
import { METRIC_LABELS as L, METRICS } from '@slipway/contract';
import { newDashboard, svc, timeseries, VARIABLES } from './dashboard-parts.js';

export function databaseDashboard() {
  const rate = (metric: string, selector = svc()) => `rate(${metric}${selector}[${VARIABLES.rateInterval}])`;
  const quantile = (q: number) =>
    `histogram_quantile(${q}, sum by (le, ${L.operation}) (${rate(`${METRICS.dbQueryDuration}_bucket`)}))`;
  const queries = `sum by (${L.operation}, ${L.outcome}) (${rate(`${METRICS.dbQueryDuration}_count`)})`;
  return newDashboard('database', 'Slipway / Database', 'Queries, errors and the PostgreSQL pool.')
    .withPanel(
      timeseries('Query latency by operation (p50, p99)', 's', [
        { expr: quantile(0.5), legend: `p50 {{${L.operation}}}` },
        { expr: quantile(0.99), legend: `p99 {{${L.operation}}}` },
      ]),
    )
    .withPanel(
      timeseries('Queries per second by operation and outcome', 'ops', [
        { expr: queries, legend: `{{${L.operation}}} {{${L.outcome}}}` },
      ]),
    )
    .withPanel(
      timeseries('Database errors by reason', 'ops', [
        { expr: `sum by (${L.reason}) (${rate(METRICS.dbErrorsTotal)})`, legend: `{{${L.reason}}}` },
      ]),
    )
    .withPanel(
      timeseries('Connection pool', 'none', [
        { expr: `sum by (${L.state}) (${METRICS.dbPoolConnections}${svc()})`, legend: `{{${L.state}}}` },
        { expr: `sum(${METRICS.dbPoolMax}${svc()})`, legend: 'max' },
      ]),
    );
}
