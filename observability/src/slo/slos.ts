/**
 * The service level objectives, defined once. Recording rules, burn-rate alerts, dashboards and
 * docs are generated from these; the metric and label names come from the service's contract.
 */
import { HTTP_DURATION_BUCKETS, METRIC_LABELS, METRICS, PATHS } from '@slipway/contract';

export interface Slo {
  /** Value of the `slo` label on every series and alert generated for it. */
  name: 'availability' | 'latency';
  /** Alert name stem, e.g. `SlipwayAvailability` → `SlipwayAvailabilityFastBurn`. */
  alertStem: string;
  /** Share of good requests promised over the period, e.g. 0.999. */
  objective: number;
  /** The period the objective and the error budget are measured over. */
  period: string;
  description: string;
  /** Per-series PromQL for the rate of bad requests, given a selector `{job="slipway", ...}` and a range `5m`. */
  errors(selector: string, range: string): string;
  /** Per-series PromQL for the rate of all requests, same arguments. */
  total(selector: string, range: string): string;
}

/** Probe requests say nothing about what users get; they stay out of every SLI. */
export const PROBE_ROUTES = [PATHS.liveness, PATHS.readiness] as const;
export const SLI_ROUTE_MATCHER = `${METRIC_LABELS.route}!~"${PROBE_ROUTES.join('|')}"`;

/** Requests slower than this count against the latency SLO; it must be a histogram bucket boundary. */
export const LATENCY_THRESHOLD_SECONDS = 0.3;
if (!HTTP_DURATION_BUCKETS.includes(LATENCY_THRESHOLD_SECONDS)) {
  throw new Error(
    `The latency SLO threshold ${LATENCY_THRESHOLD_SECONDS}s is not a bucket of ${METRICS.httpRequestDuration} ` +
      `(${HTTP_DURATION_BUCKETS.join(', ')}): add it to HTTP_DURATION_BUCKETS in the service contract.`,
  );
}

const rate = (metric: string, selector: string, range: string) => `rate(${metric}${selector}[${range}])`;
const withMatcher = (selector: string, matcher: string) => selector.replace(/}$/, `, ${matcher}}`);

export const AVAILABILITY_SLO: Slo = {
  name: 'availability',
  alertStem: 'SlipwayAvailability',
  objective: 0.999,
  period: '30d',
  description: '99.9 % of API requests over 30 days are answered without a server error (5xx).',
  errors: (selector, range) =>
    rate(METRICS.httpRequestsTotal, withMatcher(selector, `${METRIC_LABELS.statusCode}=~"5.."`), range),
  total: (selector, range) => rate(METRICS.httpRequestsTotal, selector, range),
};

export const LATENCY_SLO: Slo = {
  name: 'latency',
  alertStem: 'SlipwayLatency',
  objective: 0.99,
  period: '30d',
  description: `99 % of API requests over 30 days are answered within ${LATENCY_THRESHOLD_SECONDS * 1000} ms.`,
  // Slow = all requests minus those in the threshold's bucket (histogram buckets are cumulative).
  errors: (selector, range) =>
    `${rate(`${METRICS.httpRequestDuration}_count`, selector, range)} - ignoring(le) ` +
    rate(
      `${METRICS.httpRequestDuration}_bucket`,
      withMatcher(selector, `le="${LATENCY_THRESHOLD_SECONDS}"`),
      range,
    ),
  total: (selector, range) => rate(`${METRICS.httpRequestDuration}_count`, selector, range),
};

export const SLOS: readonly Slo[] = [AVAILABILITY_SLO, LATENCY_SLO];
