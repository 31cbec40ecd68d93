/**
 * Grafana for the local stack: Prometheus (the default data source, which the dashboards'
 * `datasource` variable picks) and Tempo as data sources, and the cluster's dashboards from
 * `@slipway/observability`, provisioned from files.
 */
import { grafanaDashboards, SCRAPE_INTERVAL } from '@slipway/observability';

/** Where compose.yaml mounts the dashboards inside the Grafana container. */
export const DASHBOARDS_CONTAINER_PATH = '/etc/dashboards/slipway';
export const DASHBOARD_FOLDER = 'Slipway';

export function grafanaDatasources(): object {
  return {
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus',
        uid: 'prometheus',
        type: 'prometheus',
        access: 'proxy',
        url: 'http://prometheus:9090',
        isDefault: true,
        jsonData: { timeInterval: SCRAPE_INTERVAL },
      },
      { name: 'Tempo', uid: 'tempo', type: 'tempo', access: 'proxy', url: 'http://tempo:3200' },
    ],
  };
}

export function grafanaDashboardProviders(): object {
  return {
    apiVersion: 1,
    providers: [
      {
        name: 'slipway',
        folder: DASHBOARD_FOLDER,
        type: 'file',
        disableDeletion: true,
        allowUiUpdates: false,
        options: { path: DASHBOARDS_CONTAINER_PATH },
      },
    ],
  };
}

export function dashboardFiles(): { fileName: string; json: object }[] {
  return grafanaDashboards().map(({ fileName, json }) => ({ fileName, json }));
}
