import { DASHBOARD_VARIABLES, SCRAPE_JOB } from '@slipway/observability';
import { describe, expect, it } from 'vitest';
import { dashboardQueries } from './support/dashboard-queries.js';

// That every query also returns data is checked on a real Prometheus in prometheus-integration.test.ts.
describe('the queries of the Grafana dashboards', () => {
  it('select the service by job and namespace in every service query', () => {
    const serviceQueries = dashboardQueries().filter((q) => !q.dashboard.includes('Kubernetes'));
    expect(serviceQueries.length).toBeGreaterThan(10);
    for (const { panel, expr } of serviceQueries) {
      const selectors = [...expr.matchAll(/[a-z_:]+\{([^}]*)\}/g)].map((m) => m[1]!);
      for (const selector of selectors) {
        if (selector.startsWith('slo=') && !selector.includes('job=')) continue; // objective: no job label
        expect(selector, `${panel}: ${expr}`).toContain(`job="${SCRAPE_JOB}"`);
        expect(selector, `${panel}: ${expr}`).toContain(`namespace=~"${DASHBOARD_VARIABLES.namespace}"`);
      }
    }
  });
});
