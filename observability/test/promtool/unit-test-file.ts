/**
 * Writes `promtool test rules` input from typed cases: synthetic input series, and for each alert
 * the exact labels it must fire with, or that it must stay quiet.
 */
import { stringify } from 'yaml';

export type Labels = Record<string, string>;

export interface InputSeries {
  metric: string;
  labels: Labels;
  /** promtool expanding notation, e.g. `0+10x90` or `1 1 0x10`. */
  values: string;
}

export interface AlertCase {
  /** What the case shows, e.g. "9 % of requests fail for an hour". */
  name: string;
  alert: string;
  /** Sample spacing of the input series; the rule evaluation interval is the same. */
  interval: string;
  series: InputSeries[];
  evalTime: string;
  /** Labels the alert fires with (besides alertname and alertstate), or `quiet`. */
  expect: Labels | 'quiet';
}

export interface RecordingCase {
  name: string;
  interval: string;
  series: InputSeries[];
  evalTime: string;
  /** Each expression must return exactly one sample with these labels and (rounded) value. */
  expect: { expr: string; labels: Labels; value: number }[];
}

export function seriesText({ metric, labels }: Pick<InputSeries, 'metric' | 'labels'>): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  return `${metric}{${pairs.join(', ')}}`;
}

const input = (series: InputSeries[]) => series.map((s) => ({ series: seriesText(s), values: s.values }));

export function unitTestFileYaml(
  ruleFile: string,
  evaluationInterval: string,
  alerts: AlertCase[],
  recordings: RecordingCase[] = [],
): string {
  const tests = [
    ...alerts.map((c) => ({
      name: `${c.alert}: ${c.name}`,
      interval: c.interval,
      input_series: input(c.series),
      ...(c.expect === 'quiet'
        ? { alert_rule_test: [{ eval_time: c.evalTime, alertname: c.alert, exp_alerts: [] }] }
        : {
            // Checked through the ALERTS series rather than alert_rule_test, which would also
            // demand the fully rendered annotation texts; promtool check rules validates those.
            promql_expr_test: [
              {
                expr: `ALERTS{alertname="${c.alert}", alertstate="firing"}`,
                eval_time: c.evalTime,
                exp_samples: [
                  {
                    labels: seriesText({
                      metric: 'ALERTS',
                      labels: { alertname: c.alert, alertstate: 'firing', ...c.expect },
                    }),
                    value: 1,
                  },
                ],
              },
            ],
          }),
    })),
    ...recordings.map((c) => ({
      name: c.name,
      interval: c.interval,
      input_series: input(c.series),
      // Rounded because promtool compares floats exactly (1 - 0.01 / 0.001 is -9.000000000000002).
      promql_expr_test: c.expect.map(({ expr, labels, value }) => ({
        expr: `round(${expr}, 0.000001)`,
        eval_time: c.evalTime,
        exp_samples: [{ labels: seriesText({ metric: '', labels }), value }],
      })),
    })),
  ];
  return stringify(
    { rule_files: [ruleFile], evaluation_interval: evaluationInterval, tests },
    { lineWidth: 0 },
  );
}
