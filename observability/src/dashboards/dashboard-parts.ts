/**
 * The building blocks every dashboard shares: the Prometheus data source variable, the namespace
 * variable, the service selector and two panel shapes (time series and stat).
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  DashboardBuilder,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  VariableRefresh,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { SERVICE_NAME } from '@slipway/contract';
import { SCRAPE_JOB } from '../series/scrape-target.js';

/** Grafana's variable syntax, not a template literal: Grafana replaces it with the chosen data source. */
export const DATASOURCE = { type: 'prometheus', uid: ['$', '{datasource}'].join('') };

/** Dashboard variables the queries use; the dashboard test substitutes them the way Grafana does. */
export const VARIABLES = {
  namespace: '$namespace',
  rateInterval: '$__rate_interval',
  range: '$__range',
} as const;

/** `{job="slipway", namespace=~"$namespace", ...}`. */
export function svc(...matchers: string[]): string {
  return `{${[`job="${SCRAPE_JOB}"`, `namespace=~"${VARIABLES.namespace}"`, ...matchers].join(', ')}}`;
}

/** Matchers for kube-state-metrics series, which carry the object's namespace. */
export function kube(...matchers: string[]): string {
  return `{${[`namespace=~"${VARIABLES.namespace}"`, ...matchers].join(', ')}}`;
}

export interface Query {
  expr: string;
  legend: string;
}

/** A dashboard of the service; its uid is `<service>-<name>` (e.g. `slipway-red`). */
export function newDashboard(name: string, title: string, description: string): DashboardBuilder {
  return new DashboardBuilder(title)
    .uid(`${SERVICE_NAME}-${name}`)
    .description(description)
    .tags([SCRAPE_JOB])
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .timezone('browser')
    .withVariable(new DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'))
    .withVariable(
      new QueryVariableBuilder('namespace')
        .label('Namespace')
        .datasource(DATASOURCE)
        .query(`label_values(up{job="${SCRAPE_JOB}"}, namespace)`)
        .refresh(VariableRefresh.OnTimeRangeChanged)
        .includeAll(true)
        .allValue('.*'),
    );
}

function targets(queries: Query[]): cog.Builder<cog.Dataquery>[] {
  return queries.map(({ expr, legend }, index) =>
    new DataqueryBuilder()
      .datasource(DATASOURCE)
      .expr(expr)
      .legendFormat(legend)
      .refId(String.fromCharCode(65 + index)),
  );
}

export function timeseries(
  title: string,
  unit: string,
  queries: Query[],
  description = '',
): TimeseriesPanelBuilder {
  return new TimeseriesPanelBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .span(12)
    .height(8)
    .targets(targets(queries));
}

export function stat(title: string, unit: string, queries: Query[], description = ''): StatPanelBuilder {
  return new StatPanelBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .span(6)
    .height(5)
    .targets(targets(queries));
}
