import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithTool } from '@slipway/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isAlertingRule, prometheusRuleGroups } from '../src/index.js';
import { renderRuleFile } from '../src/rules/rule-file.js';
import { ALERT_CASES, RECORDING_CASES } from './promtool/alert-cases.js';
import { unitTestFileYaml } from './promtool/unit-test-file.js';
import { promtool } from './support/prometheus-tools.js';

const shippedAlerts = prometheusRuleGroups()
  .flatMap((group) => group.rules)
  .filter(isAlertingRule)
  .map((rule) => rule.alert);

it('has a firing case and a quiet case for every shipped alert', () => {
  for (const alert of shippedAlerts) {
    const cases = ALERT_CASES.filter((c) => c.alert === alert);
    expect(
      cases.some((c) => c.expect !== 'quiet'),
      `${alert} has no case that makes it fire`,
    ).toBe(true);
    expect(
      cases.some((c) => c.expect === 'quiet'),
      `${alert} has no case that keeps it quiet`,
    ).toBe(true);
  }
  expect(ALERT_CASES.map((c) => c.alert).filter((a) => !shippedAlerts.includes(a))).toEqual([]);
});

describeWithTool('promtool on the rendered rule file', promtool, () => {
  let dir: string;
  let testFiles: string[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-promtool-'));
    writeFileSync(join(dir, 'rules.yml'), renderRuleFile());
    // promtool evaluates every rule at every step of every test: two files in parallel halve the wait.
    const halves = [0, 1].map((half) => ({
      alerts: ALERT_CASES.filter((_, index) => index % 2 === half),
      recordings: RECORDING_CASES.filter((_, index) => index % 2 === half),
    }));
    testFiles = halves.map(({ alerts, recordings }, half) => {
      const file = `tests-${half}.yml`;
      writeFileSync(join(dir, file), unitTestFileYaml('rules.yml', '1m', alerts, recordings));
      return file;
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => {
    const result = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const runAsync = (...args: string[]) =>
    new Promise<{ status: number | null; output: string }>((resolve, reject) => {
      const child = spawn('promtool', args, { cwd: dir });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, output }));
    });

  it('passes promtool check rules (syntax, templates, no duplicate rules)', () => {
    const { status, output } = run('check', 'rules', 'rules.yml');
    expect(output).toContain('SUCCESS');
    expect(status, output).toBe(0);
  });

  it('passes promtool test rules: every alert fires on its bad series and stays quiet on the good ones', {
    timeout: 120_000,
  }, async () => {
    const results = await Promise.all(testFiles.map((file) => runAsync('test', 'rules', file)));
    for (const { status, output } of results) {
      expect(status, output).toBe(0);
      expect(output).toContain('SUCCESS');
    }
  });
});
