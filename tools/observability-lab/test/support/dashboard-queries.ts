/** Every PromQL expression of every panel of the shipped dashboards, as Grafana would send it. */
import { grafanaDashboards } from '@slipway/observability';

export interface PanelQuery {
  dashboard: string;
  panel: string;
  expr: string;
}

interface PanelJson {
  title?: string;
  targets?: { expr?: string }[];
  panels?: PanelJson[];
}

export function dashboardQueries(): PanelQuery[] {
  return grafanaDashboards().flatMap(({ title, json }) => {
    const walk = (panels: PanelJson[]): PanelQuery[] =>
      panels.flatMap((panel) => [
        ...(panel.targets ?? []).map((target) => ({
          dashboard: title,
          panel: panel.title ?? '(untitled)',
          expr: target.expr ?? '',
        })),
        ...walk(panel.panels ?? []),
      ]);
    return walk((json as { panels?: PanelJson[] }).panels ?? []);
  });
}

/** Replaces Grafana's variables the way Grafana does before it sends a query. */
export function substituteVariables(expr: string, values: Record<string, string>): string {
  return Object.entries(values)
    .sort(([a], [b]) => b.length - a.length)
    .reduce((out, [name, value]) => out.replaceAll(name, value), expr);
}
