/** Every dashboard, as the JSON Grafana imports; deploy/ ships each in a ConfigMap for the sidecar. */
import { databaseDashboard } from './database-dashboard.js';
import { kubernetesDashboard } from './kubernetes-dashboard.js';
import { redDashboard } from './red-dashboard.js';
import { runtimeDashboard } from './runtime-dashboard.js';
import { sloDashboard } from './slo-dashboard.js';

export interface GrafanaDashboard {
  /** File name inside the ConfigMap, e.g. `slipway-red.json`. */
  fileName: string;
  title: string;
  json: object;
}

export function grafanaDashboards(): GrafanaDashboard[] {
  return [redDashboard(), sloDashboard(), runtimeDashboard(), databaseDashboard(), kubernetesDashboard()].map(
    (builder) => {
      const json = builder.build();
      return { fileName: `${json.uid}.json`, title: json.title ?? String(json.uid), json };
    },
  );
}
