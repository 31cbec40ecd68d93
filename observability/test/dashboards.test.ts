import { describe, expect, it } from 'vitest';
import { DATASOURCE } from '../src/dashboards/dashboard-parts.js';
import { grafanaDashboards } from '../src/index.js';

// Every query's selectors, and that it parses and returns data on a real Prometheus, are checked
// in tools/observability-lab; these are the checks of the dashboards' structure.
const GRAFANA_DATASOURCE_VARIABLE = ['$', '{datasource}'].join('');

interface PanelJson {
  title?: string;
  gridPos?: { x: number; y: number; w: number; h: number };
  datasource?: { uid?: string };
  targets?: { expr?: string; datasource?: { uid?: string } }[];
}

const dashboards = grafanaDashboards();

describe('the Grafana dashboards', () => {
  it('refer to the data source through the dashboard variable', () => {
    expect(DATASOURCE.uid).toBe(GRAFANA_DATASOURCE_VARIABLE);
  });

  it('cover RED, SLOs, the Node runtime, the database and Kubernetes, one file each', () => {
    expect(dashboards.map((d) => d.fileName)).toEqual([
      'slipway-red.json',
      'slipway-slo.json',
      'slipway-runtime.json',
      'slipway-database.json',
      'slipway-kubernetes.json',
    ]);
    for (const { fileName, json, title } of dashboards) {
      expect(fileName).toBe(`${(json as { uid: string }).uid}.json`);
      expect(title).toMatch(/^Slipway \/ /);
      // Each ships in its own ConfigMap: far below the 1 MiB object limit.
      expect(JSON.stringify(json).length).toBeLessThan(256 * 1024);
    }
  });

  it.each(dashboards.map((d) => [d.title, d] as const))(
    '%s: every panel queries the chosen Prometheus data source and fits the grid',
    (_title, { json }) => {
      const panels = (json as { panels: PanelJson[] }).panels;
      expect(panels.length).toBeGreaterThan(3);
      for (const panel of panels) {
        expect(panel.title, 'untitled panel').toBeTruthy();
        expect(panel.targets?.length, `${panel.title}: no query`).toBeGreaterThan(0);
        expect(panel.datasource?.uid).toBe(DATASOURCE.uid);
        for (const target of panel.targets ?? []) {
          expect(target.expr, `${panel.title}: empty expression`).toBeTruthy();
          expect(target.datasource?.uid).toBe(DATASOURCE.uid);
        }
        const { x, w } = panel.gridPos ?? { x: 0, w: 0 };
        expect(x + w).toBeLessThanOrEqual(24);
      }
      const variables = (json as { templating: { list: { name: string }[] } }).templating.list.map(
        (v) => v.name,
      );
      expect(variables).toEqual(['datasource', 'namespace']);
    },
  );
});
