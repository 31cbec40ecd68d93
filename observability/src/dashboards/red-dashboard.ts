/** Rate, errors and duration of the HTTP API, by route template. */
import { METRIC_LABELS as L, METRICS } from '@slipway/contract';
import { LATENCY_THRESHOLD_SECONDS } from '../slo/slos.js';
import { newDashboard, svc, timeseries, VARIABLES } from './dashboard-parts.js';

const rate = (metric: string, selector: string) => `rate(${metric}${selector}[${VARIABLES.rateInterval}])`;
const quantile = (q: number) =>
  `histogram_quantile(${q}, sum by (le, ${L.route}) (${rate(`${METRICS.httpRequestDuration}_bucket`, svc())}))`;

export function redDashboard() {
  const requests = `sum by (${L.route}) (${rate(METRICS.httpRequestsTotal, svc())})`;
  const serverErrors = `sum by (${L.route}) (${rate(METRICS.httpRequestsTotal, svc(`${L.statusCode}=~"5.."`))})`;
  const fast = `sum by (${L.route}) (${rate(`${METRICS.httpRequestDuration}_bucket`, svc(`le="${LATENCY_THRESHOLD_SECONDS}"`))})`;
  const all = `sum by (${L.route}) (${rate(`${METRICS.httpRequestDuration}_count`, svc())})`;
  return newDashboard('red', 'Slipway / HTTP API (RED)', 'Requests, errors and latency by route template.')
    .withPanel(
      timeseries('Requests per second by route', 'reqps', [{ expr: requests, legend: `{{${L.route}}}` }]),
    )
    .withPanel(
      timeseries(
        'Server error ratio by route',
        'percentunit',
        // `or … * 0` keeps a 0 line for routes without any 5xx instead of no data.
        [{ expr: `(${serverErrors} or ${requests} * 0)\n/\n${requests}`, legend: `{{${L.route}}}` }],
        'Share of responses with status 5xx.',
      ),
    )
    .withPanel(
      timeseries('Responses by status code', 'reqps', [
        {
          expr: `sum by (${L.statusCode}) (${rate(METRICS.httpRequestsTotal, svc())})`,
          legend: `{{${L.statusCode}}}`,
        },
      ]),
    )
    .withPanel(
      timeseries('Latency by route (p50, p90, p99)', 's', [
        { expr: quantile(0.5), legend: `p50 {{${L.route}}}` },
        { expr: quantile(0.9), legend: `p90 {{${L.route}}}` },
        { expr: quantile(0.99), legend: `p99 {{${L.route}}}` },
      ]),
    )
    .withPanel(
      timeseries(
        `Requests answered within ${LATENCY_THRESHOLD_SECONDS * 1000} ms by route`,
        'percentunit',
        [{ expr: `${fast}\n/\n${all}`, legend: `{{${L.route}}}` }],
        'The latency SLO threshold.',
      ),
    )
    .withPanel(
      timeseries(
        'Requests shed (load shedding)',
        'reqps',
        [{ expr: `sum(${rate(METRICS.loadShedTotal, svc())})`, legend: 'shed' }],
        'Requests refused with 503 because the event loop was saturated.',
      ),
    );
}
