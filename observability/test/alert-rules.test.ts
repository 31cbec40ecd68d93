import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METRICS } from '@slipway/contract';
import { describe, expect, it } from 'vitest';
import {
  type AlertingRule,
  BURN_RATE_POLICIES,
  isAlertingRule,
  KUBE_STATE_METRICS,
  prometheusRuleGroups,
  type RecordingRule,
  runbookPath,
  runbookUrl,
} from '../src/index.js';
import { durationSeconds } from '../src/slo/burn-rate-policies.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const groups = prometheusRuleGroups();
const rules = groups.flatMap((g) => g.rules);
const alerts = rules.filter(isAlertingRule);
const recordings = rules.filter((r): r is RecordingRule => !isAlertingRule(r));

/** The section's text: from its heading to the next heading of the same level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) return '';
  const rest = markdown.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  return (end === -1 ? rest : rest.slice(0, end)).trim();
}

describe('every alert', () => {
  it.each(alerts.map((a) => [a.alert, a] as const))(
    '%s has a severity, a summary, a description and a runbook',
    (name, alert: AlertingRule) => {
      expect(['critical', 'warning']).toContain(alert.labels.severity);
      expect(alert.annotations.summary.length).toBeGreaterThan(10);
      expect(alert.annotations.description.length).toBeGreaterThan(alert.annotations.summary.length);
      expect(alert.annotations.runbook_url).toBe(runbookUrl(name));
      expect(alert.annotations.runbook_url.endsWith(`/docs/runbooks/${name}.md`)).toBe(true);

      const file = join(repositoryRoot, runbookPath(name));
      expect(existsSync(file), `${runbookPath(name)} is missing`).toBe(true);
      const page = readFileSync(file, 'utf8');
      expect(page.startsWith(`# ${name}\n`), `${runbookPath(name)} must start with "# ${name}"`).toBe(true);
      expect(
        section(page, 'What to check').length,
        `${runbookPath(name)}: "## What to check"`,
      ).toBeGreaterThan(80);
      expect(section(page, 'What to do').length, `${runbookPath(name)}: "## What to do"`).toBeGreaterThan(80);
    },
  );

  it('has a unique name, and every runbook page belongs to an alert', () => {
    const names = alerts.map((a) => a.alert);
    expect(new Set(names).size).toBe(names.length);
    const pages = readdirSync(join(repositoryRoot, 'docs/runbooks'))
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => f.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual([...names].sort());
  });

  it('covers the causes that hurt this service', () => {
    expect(alerts.map((a) => a.alert)).toEqual(
      expect.arrayContaining([
        'SlipwayTargetDown',
        'SlipwayPodCrashLooping',
        'SlipwayPodRestarting',
        'SlipwayHpaAtMaxReplicas',
        'SlipwayDatabaseErrors',
        'SlipwayDatabasePoolExhausted',
        'SlipwayEventLoopSaturated',
        'SlipwayLoadShedding',
      ]),
    );
  });
});

describe('the shipped rules', () => {
  it('read only metrics the service contract, kube-state-metrics, Prometheus or the recording rules define', () => {
    const contract = Object.values(METRICS).flatMap((m) => [m, `${m}_bucket`, `${m}_count`, `${m}_sum`]);
    const known = new Set([
      ...contract,
      ...Object.values(KUBE_STATE_METRICS),
      ...recordings.map((r) => r.record),
      'up',
    ]);
    // A metric selector is a name followed by `{`, e.g. http_requests_total{job="slipway"}.
    const used = rules.flatMap((r) =>
      [...r.expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map((m) => m[1]!),
    );
    expect(used.filter((name) => !known.has(name))).toEqual([]);
  });

  it('keep the real burn-rate windows (the drill windows of the integration test never ship)', () => {
    const windows = BURN_RATE_POLICIES.flatMap((p) => p.windows.flatMap((w) => [w.long, w.short]));
    expect(Math.min(...windows.map(durationSeconds))).toBeGreaterThanOrEqual(300);
    expect(alerts.filter((a) => 'drill' in a.labels)).toEqual([]);
    expect(groups.filter((g) => g.interval !== undefined)).toEqual([]);
  });

  it('page on fast burn and open a ticket on slow burn, per the SRE workbook', () => {
    const fast = BURN_RATE_POLICIES.find((p) => p.suffix === 'FastBurn');
    const slow = BURN_RATE_POLICIES.find((p) => p.suffix === 'SlowBurn');
    expect(fast?.severity).toBe('critical');
    expect(fast?.windows).toEqual([
      { long: '1h', short: '5m', burnRate: 14.4 },
      { long: '6h', short: '30m', burnRate: 6 },
    ]);
    expect(slow?.severity).toBe('warning');
    expect(slow?.windows).toEqual([
      { long: '1d', short: '2h', burnRate: 3 },
      { long: '3d', short: '6h', burnRate: 1 },
    ]);
  });

  it('define each recording rule once per SLO', () => {
    const keys = recordings.map((r) => `${r.record}${JSON.stringify(r.labels ?? {})}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
