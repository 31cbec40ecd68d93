/** Each SLO: its compliance over the period, the error budget left, and the burn rates the alerts watch. */
import { BURN_RATE_POLICIES } from '../slo/burn-rate-policies.js';
import { SLO_SERIES } from '../slo/slo-rules.js';
import { SLOS } from '../slo/slos.js';
import { newDashboard, stat, svc, timeseries } from './dashboard-parts.js';

export function sloDashboard() {
  const dashboard = newDashboard(
    'slo',
    'Slipway / SLOs and error budget',
    SLOS.map((slo) => slo.description).join(' '),
  );
  for (const slo of SLOS) {
    const sel = svc(`slo="${slo.name}"`);
    const budget = Number((1 - slo.objective).toPrecision(6));
    dashboard
      .withPanel(
        stat(`${slo.name}: objective`, 'percentunit', [
          { expr: `${SLO_SERIES.objective}{slo="${slo.name}"}`, legend: 'objective' },
        ]),
      )
      .withPanel(
        stat(`${slo.name}: SLI over ${slo.period}`, 'percentunit', [
          { expr: `1 - ${SLO_SERIES.errorRatio(slo.period)}${sel}`, legend: '{{namespace}}' },
        ]),
      )
      .withPanel(
        stat(`${slo.name}: error budget left`, 'percentunit', [
          { expr: `${SLO_SERIES.budgetRemaining}${sel}`, legend: '{{namespace}}' },
        ]),
      )
      .withPanel(
        stat(`${slo.name}: error ratio (1h)`, 'percentunit', [
          { expr: `${SLO_SERIES.errorRatio('1h')}${sel}`, legend: '{{namespace}}' },
        ]),
      )
      .withPanel(
        timeseries(
          `${slo.name}: burn rate`,
          'none',
          BURN_RATE_POLICIES.flatMap((policy) => policy.windows).map((w) => ({
            expr: `${SLO_SERIES.errorRatio(w.long)}${sel} / ${budget}`,
            legend: `${w.long} (alerts above ${w.burnRate})`,
          })),
          '1 = spending the error budget exactly over the period; the fast-burn alert pages above 14.4 (1h) and 6 (6h).',
        ).span(24),
      );
  }
  return dashboard;
}
