/**
 * Multi-window, multi-burn-rate alerting (Google SRE workbook, "Alerting on SLOs", table 5-8):
 * an alert fires when the error budget burns faster than `burnRate` over a long window AND is
 * still burning over a short window (so it resets quickly once the problem stops).
 */
import type { Severity } from '../rule-model/rule-types.js';

export interface BurnRateWindow {
  /** Long window, e.g. `1h`. */
  long: string;
  /** Short window, 1/12 of the long one, e.g. `5m`. */
  short: string;
  /** How many times faster than "exactly spend the budget over the period". */
  burnRate: number;
}

export interface BurnRatePolicy {
  /** Appended to the SLO's alert stem: `FastBurn` → `SlipwayAvailabilityFastBurn`. */
  suffix: 'FastBurn' | 'SlowBurn';
  severity: Severity;
  /** Either window pair firing fires the alert. */
  windows: BurnRateWindow[];
  for: string;
  /** How much budget the policy lets burn before it fires, for the alert text. */
  meaning: string;
}

/** The shipped policies for a 30-day period: fast burn pages, slow burn opens a ticket. */
export const BURN_RATE_POLICIES: readonly BurnRatePolicy[] = [
  {
    suffix: 'FastBurn',
    severity: 'critical',
    windows: [
      { long: '1h', short: '5m', burnRate: 14.4 },
      { long: '6h', short: '30m', burnRate: 6 },
    ],
    for: '2m',
    meaning: '2 % of the 30-day error budget in 1 hour or 5 % in 6 hours',
  },
  {
    suffix: 'SlowBurn',
    severity: 'warning',
    windows: [
      { long: '1d', short: '2h', burnRate: 3 },
      { long: '3d', short: '6h', burnRate: 1 },
    ],
    for: '15m',
    meaning: '10 % of the 30-day error budget in 1 day or in 3 days',
  },
];

/** Every window the policies read, shortest first (each gets a recording rule). */
export function windowsOf(policies: readonly BurnRatePolicy[]): string[] {
  const windows = new Set(policies.flatMap((p) => p.windows.flatMap((w) => [w.long, w.short])));
  return [...windows].sort((a, b) => durationSeconds(a) - durationSeconds(b));
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Seconds in a simple Prometheus duration such as `30s`, `5m`, `1d`. */
export function durationSeconds(duration: string): number {
  const match = /^(\d+)([smhdw])$/.exec(duration);
  if (match === null) throw new Error(`"${duration}" is not a duration like 30s, 5m, 1h or 3d`);
  return Number(match[1]) * (UNIT_SECONDS[match[2]!] ?? 0);
}
