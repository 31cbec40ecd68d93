/** The local Prometheus: promtool accepts its configuration and rules, and it scrapes the service as the cluster does. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRICS_PORT, NAMESPACES, PATHS } from '@slipway/contract';
import { prometheusRuleGroups, SCRAPE_JOB } from '@slipway/observability';
import { describeWithTool, toolAvailable } from '@slipway/testing';
import { afterAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readComposeFile } from '../src/compose-file.js';
import { RULES_FILE } from '../src/stack-files/prometheus-config.js';
import { writeStackFiles } from '../src/stack-files/write-stack-files.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-dev-stack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeStackFiles(dir, {});
const prometheusDir = join(dir, 'prometheus');
const config = parse(readFileSync(join(prometheusDir, 'prometheus.yml'), 'utf8')) as {
  rule_files: string[];
  scrape_configs: {
    job_name: string;
    metrics_path?: string;
    static_configs: { targets: string[]; labels?: object }[];
  }[];
};

function promtool(...args: string[]) {
  const result = spawnSync('promtool', args, { cwd: prometheusDir, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describeWithTool(
  'the local Prometheus configuration (real promtool)',
  {
    available: toolAvailable('promtool', ['--version']),
    reason: 'promtool is not installed (apt-get install prometheus)',
  },
  () => {
    it('passes promtool check config, which also checks the rule files it loads', () => {
      const result = promtool('check', 'config', 'prometheus.yml');
      expect(result.output).toMatch(/SUCCESS: prometheus\.yml is valid prometheus config file syntax/);
      expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
      expect(result.status).toBe(0);
    });

    it('passes promtool check rules', () => {
      const result = promtool('check', 'rules', RULES_FILE);
      expect(result.status, result.output).toBe(0);
    });

    it('would fail promtool for a broken configuration', () => {
      writeFileSync(join(prometheusDir, 'broken.yml'), 'global:\n  scrape_interval: soon\n');
      expect(promtool('check', 'config', 'broken.yml').status).not.toBe(0);
    });
  },
);

it('loads exactly the rule groups the cluster gets', () => {
  const file = parse(readFileSync(join(prometheusDir, RULES_FILE), 'utf8')) as { groups: unknown };
  expect(config.rule_files).toEqual([RULES_FILE]);
  expect(file.groups).toEqual(JSON.parse(JSON.stringify(prometheusRuleGroups())));
});

it('scrapes the compose service under the job and namespace labels the rules and dashboards select', () => {
  const job = config.scrape_configs.find((s) => s.job_name === SCRAPE_JOB)!;
  expect(job.metrics_path).toBe(PATHS.metrics);
  const [target] = job.static_configs;
  expect(target?.labels).toEqual({ namespace: NAMESPACES.service });
  const [host, port] = target!.targets[0]!.split(':');
  expect(readComposeFile().services[host!], `${host} is a compose service`).toBeDefined();
  expect(Number(port)).toBe(METRICS_PORT);
});
