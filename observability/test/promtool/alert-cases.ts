/**
 * For every shipped alert: synthetic series that make it fire (with the exact labels it must carry)
 * and series that must keep it quiet. Rates are per 1-minute sample: `0+600x90` is 10 requests/s.
 */
import { METRIC_LABELS as L, METRICS, NAMESPACES } from '@slipway/contract';
import { CONTAINER_NAME, HPA_NAME, KUBE_STATE_METRICS as KSM, SCRAPE_JOB } from '../../src/index.js';
import type { AlertCase, InputSeries, Labels, RecordingCase } from './unit-test-file.js';

const namespace = NAMESPACES.service;
const instance = '10.0.0.7:9464';
const target = { job: SCRAPE_JOB, namespace, instance };
const deployment = { job: SCRAPE_JOB, namespace };
const route = { [L.method]: 'GET', [L.route]: '/api/users' };

const s = (metric: string, labels: Labels, values: string): InputSeries => ({
  metric,
  labels: { ...target, ...labels },
  values,
});

/** A counter growing by `perMinute` for `minutes`, one sample a minute. */
const growing = (perMinute: number, minutes: number) => `0+${perMinute}x${minutes}`;

/** Request counters with `ok` and `failed` increments per minute, for `minutes` minutes. */
function requests(ok: number, failed: number, minutes: number): InputSeries[] {
  return [
    s(METRICS.httpRequestsTotal, { ...route, [L.statusCode]: '200' }, growing(ok, minutes)),
    s(METRICS.httpRequestsTotal, { ...route, [L.statusCode]: '500' }, growing(failed, minutes)),
    // Probe traffic is not part of the SLI: a failing readiness probe must not burn the budget.
    s(
      METRICS.httpRequestsTotal,
      { [L.method]: 'GET', [L.route]: '/readyz', [L.statusCode]: '503' },
      growing(600, minutes),
    ),
  ];
}

/** Latency histogram with `total` requests per minute, `fast` of them within the threshold. */
function latency(total: number, fast: number, minutes: number): InputSeries[] {
  const labels = { ...route, [L.statusCode]: '200' };
  const bucket = (le: string, perMinute: number) =>
    s(`${METRICS.httpRequestDuration}_bucket`, { ...labels, le }, growing(perMinute, minutes));
  return [
    bucket('0.1', fast),
    bucket('0.3', fast),
    bucket('+Inf', total),
    s(`${METRICS.httpRequestDuration}_count`, labels, growing(total, minutes)),
  ];
}

const pod = { namespace, pod: `${CONTAINER_NAME}-7d9f8b6c5-x2x4z`, container: CONTAINER_NAME };
const ksm = (metric: string, labels: Labels, values: string): InputSeries => ({ metric, labels, values });
const hpa = { namespace, horizontalpodautoscaler: HPA_NAME };

export const ALERT_CASES: AlertCase[] = [
  // Availability: 99.9 % → budget 0.1 %; fast burn needs > 1.44 % (1h and 5m), slow > 0.3 % (1d and 2h).
  // A 1d rate() over 2.5 hours of samples is those hours' rate: enough to show the slow burn.
  {
    name: '9 % of requests fail for an hour',
    alert: 'SlipwayAvailabilityFastBurn',
    interval: '1m',
    series: requests(600, 60, 90),
    evalTime: '65m',
    expect: { ...deployment, severity: 'critical', slo: 'availability' },
  },
  {
    name: 'failures stopped 35 minutes ago (long windows still high, short windows clean)',
    alert: 'SlipwayAvailabilityFastBurn',
    interval: '1m',
    series: [
      s(METRICS.httpRequestsTotal, { ...route, [L.statusCode]: '200' }, '0+600x100'),
      s(METRICS.httpRequestsTotal, { ...route, [L.statusCode]: '500' }, '0+60x60 3600+0x40'),
    ],
    evalTime: '95m',
    expect: 'quiet',
  },
  {
    name: '0.5 % of requests fail: a slow burn does not page',
    alert: 'SlipwayAvailabilityFastBurn',
    interval: '1m',
    series: requests(1000, 5, 160),
    evalTime: '150m',
    expect: 'quiet',
  },
  {
    name: '0.5 % of requests fail for two and a half hours',
    alert: 'SlipwayAvailabilitySlowBurn',
    interval: '1m',
    series: requests(1000, 5, 160),
    evalTime: '150m',
    expect: { ...deployment, severity: 'warning', slo: 'availability' },
  },
  {
    name: '0.05 % of requests fail for two and a half hours (within budget)',
    alert: 'SlipwayAvailabilitySlowBurn',
    interval: '1m',
    series: requests(2000, 1, 160),
    evalTime: '150m',
    expect: 'quiet',
  },
  // Latency: 99 % under 300 ms → budget 1 %; fast burn needs > 14.4 %, slow > 3 %.
  {
    name: '1 in 6 requests is slower than 300 ms for an hour',
    alert: 'SlipwayLatencyFastBurn',
    interval: '1m',
    series: latency(600, 500, 90),
    evalTime: '65m',
    expect: { ...deployment, severity: 'critical', slo: 'latency' },
  },
  {
    name: '0.3 % of requests are slow',
    alert: 'SlipwayLatencyFastBurn',
    interval: '1m',
    series: latency(600, 598, 90),
    evalTime: '65m',
    expect: 'quiet',
  },
  {
    name: '5 % of requests are slow for two and a half hours',
    alert: 'SlipwayLatencySlowBurn',
    interval: '1m',
    series: latency(1000, 950, 160),
    evalTime: '150m',
    expect: { ...deployment, severity: 'warning', slo: 'latency' },
  },
  {
    name: '0.5 % of requests are slow for two and a half hours (within budget)',
    alert: 'SlipwayLatencySlowBurn',
    interval: '1m',
    series: latency(1000, 995, 160),
    evalTime: '150m',
    expect: 'quiet',
  },
  {
    name: 'the target stops answering scrapes',
    alert: 'SlipwayTargetDown',
    interval: '1m',
    series: [s('up', {}, '1 1 0x10')],
    evalTime: '10m',
    expect: { ...target, severity: 'critical' },
  },
  {
    name: 'no target of the job exists at all',
    alert: 'SlipwayTargetDown',
    interval: '1m',
    series: [{ metric: 'up', labels: { job: 'some-other-app', instance: 'x:1' }, values: '1x10' }],
    evalTime: '10m',
    expect: { job: SCRAPE_JOB, severity: 'critical' },
  },
  {
    name: 'the target is up',
    alert: 'SlipwayTargetDown',
    interval: '1m',
    series: [s('up', {}, '1x10')],
    evalTime: '10m',
    expect: 'quiet',
  },
  {
    name: 'the container waits in CrashLoopBackOff',
    alert: 'SlipwayPodCrashLooping',
    interval: '1m',
    series: [ksm(KSM.containerWaitingReason, { ...pod, reason: 'CrashLoopBackOff' }, '0 0 1x10')],
    evalTime: '10m',
    expect: { ...pod, severity: 'critical' },
  },
  {
    name: 'the container is not waiting',
    alert: 'SlipwayPodCrashLooping',
    interval: '1m',
    series: [ksm(KSM.containerWaitingReason, { ...pod, reason: 'CrashLoopBackOff' }, '0x10')],
    evalTime: '10m',
    expect: 'quiet',
  },
  {
    name: 'the container restarted 3 times in 10 minutes',
    alert: 'SlipwayPodRestarting',
    interval: '1m',
    series: [ksm(KSM.containerRestarts, pod, '0 0 1 1 2 2 3 3 3 3 3')],
    evalTime: '10m',
    expect: { ...pod, severity: 'warning' },
  },
  {
    name: 'one restart',
    alert: 'SlipwayPodRestarting',
    interval: '1m',
    series: [ksm(KSM.containerRestarts, pod, '0 0 1 1 1 1 1 1 1 1 1')],
    evalTime: '10m',
    expect: 'quiet',
  },
  {
    name: 'the autoscaler runs at its maximum for 20 minutes',
    alert: 'SlipwayHpaAtMaxReplicas',
    interval: '1m',
    series: [ksm(KSM.hpaCurrentReplicas, hpa, '10x25'), ksm(KSM.hpaMaxReplicas, hpa, '10x25')],
    evalTime: '20m',
    expect: { ...hpa, severity: 'warning' },
  },
  {
    name: 'the autoscaler has room',
    alert: 'SlipwayHpaAtMaxReplicas',
    interval: '1m',
    series: [ksm(KSM.hpaCurrentReplicas, hpa, '6x25'), ksm(KSM.hpaMaxReplicas, hpa, '10x25')],
    evalTime: '20m',
    expect: 'quiet',
  },
  {
    name: '10 % of database operations fail',
    alert: 'SlipwayDatabaseErrors',
    interval: '1m',
    series: [
      s(METRICS.dbErrorsTotal, { [L.operation]: 'insert', [L.reason]: 'unavailable' }, '0+10x20'),
      s(`${METRICS.dbQueryDuration}_count`, { [L.operation]: 'insert', [L.outcome]: 'error' }, '0+10x20'),
      s(`${METRICS.dbQueryDuration}_count`, { [L.operation]: 'select', [L.outcome]: 'success' }, '0+90x20'),
    ],
    evalTime: '15m',
    expect: { ...deployment, severity: 'warning' },
  },
  {
    name: '1 % of database operations fail',
    alert: 'SlipwayDatabaseErrors',
    interval: '1m',
    series: [
      s(METRICS.dbErrorsTotal, { [L.operation]: 'select', [L.reason]: 'timeout' }, '0+1x20'),
      s(`${METRICS.dbQueryDuration}_count`, { [L.operation]: 'select', [L.outcome]: 'success' }, '0+99x20'),
    ],
    evalTime: '15m',
    expect: 'quiet',
  },
  {
    name: 'a client keeps creating duplicates (unique violations are answered 409, not a fault)',
    alert: 'SlipwayDatabaseErrors',
    interval: '1m',
    series: [
      s(METRICS.dbErrorsTotal, { [L.operation]: 'insert', [L.reason]: 'constraint' }, '0+50x20'),
      s(`${METRICS.dbQueryDuration}_count`, { [L.operation]: 'insert', [L.outcome]: 'error' }, '0+50x20'),
      s(`${METRICS.dbQueryDuration}_count`, { [L.operation]: 'select', [L.outcome]: 'success' }, '0+50x20'),
    ],
    evalTime: '15m',
    expect: 'quiet',
  },
  {
    name: 'every connection is busy and queries wait for one',
    alert: 'SlipwayDatabasePoolExhausted',
    interval: '1m',
    series: [
      s(METRICS.dbPoolConnections, { [L.state]: 'total' }, '10x15'),
      s(METRICS.dbPoolConnections, { [L.state]: 'idle' }, '0x15'),
      s(METRICS.dbPoolConnections, { [L.state]: 'waiting' }, '4x15'),
      s(METRICS.dbPoolMax, {}, '10x15'),
    ],
    evalTime: '10m',
    expect: { ...target, severity: 'warning' },
  },
  {
    name: 'the pool is full but nobody waits',
    alert: 'SlipwayDatabasePoolExhausted',
    interval: '1m',
    series: [
      s(METRICS.dbPoolConnections, { [L.state]: 'total' }, '10x15'),
      s(METRICS.dbPoolConnections, { [L.state]: 'waiting' }, '0x15'),
      s(METRICS.dbPoolMax, {}, '10x15'),
    ],
    evalTime: '10m',
    expect: 'quiet',
  },
  {
    name: 'the event loop lags 500 ms (p99) for 15 minutes',
    alert: 'SlipwayEventLoopSaturated',
    interval: '1m',
    series: [s(METRICS.eventLoopLagP99, {}, '0.5x20')],
    evalTime: '15m',
    expect: { ...target, severity: 'warning' },
  },
  {
    name: 'the event loop lags 20 ms',
    alert: 'SlipwayEventLoopSaturated',
    interval: '1m',
    series: [s(METRICS.eventLoopLagP99, {}, '0.02x20')],
    evalTime: '15m',
    expect: 'quiet',
  },
  {
    name: 'requests are shed for 10 minutes',
    alert: 'SlipwayLoadShedding',
    interval: '1m',
    series: [s(METRICS.loadShedTotal, {}, '0+30x20')],
    evalTime: '12m',
    expect: { ...deployment, severity: 'warning' },
  },
  {
    name: 'nothing is shed',
    alert: 'SlipwayLoadShedding',
    interval: '1m',
    series: [s(METRICS.loadShedTotal, {}, '0x20')],
    evalTime: '12m',
    expect: 'quiet',
  },
];

/** The SLO series the dashboards read, on known inputs (compared after rounding to 1e-6). */
export const RECORDING_CASES: RecordingCase[] = [
  {
    name: 'availability: 1 % errors → error ratio 0.01 and the 0.1 % budget overspent ten times',
    interval: '1m',
    series: requests(990, 10, 30),
    evalTime: '20m',
    expect: [
      {
        expr: 'slo:sli_error:ratio_rate5m{slo="availability"}',
        labels: { ...deployment, slo: 'availability' },
        value: 0.01,
      },
      {
        expr: 'slo:sli_error:ratio_rate30d{slo="availability"}',
        labels: { ...deployment, slo: 'availability' },
        value: 0.01,
      },
      {
        expr: 'slo:error_budget_remaining:ratio{slo="availability"}',
        labels: { ...deployment, slo: 'availability' },
        value: -9,
      },
    ],
  },
  {
    name: 'latency: 2 % slower than 300 ms → error ratio 0.02 and the 1 % budget overspent twice',
    interval: '1m',
    series: latency(1000, 980, 30),
    evalTime: '20m',
    expect: [
      {
        expr: 'slo:sli_error:ratio_rate1h{slo="latency"}',
        labels: { ...deployment, slo: 'latency' },
        value: 0.02,
      },
      {
        expr: 'slo:error_budget_remaining:ratio{slo="latency"}',
        labels: { ...deployment, slo: 'latency' },
        value: -1,
      },
    ],
  },
  {
    name: 'objectives are published for the dashboards',
    interval: '1m',
    series: [],
    evalTime: '1m',
    expect: [
      { expr: 'slo:objective:ratio{slo="availability"}', labels: { slo: 'availability' }, value: 0.999 },
      { expr: 'slo:objective:ratio{slo="latency"}', labels: { slo: 'latency' }, value: 0.99 },
    ],
  },
];
