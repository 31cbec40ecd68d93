import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grafanaDashboards } from '@slipway/observability';
import { afterAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readComposeFile } from '../src/compose-file.js';
import { TEMPO_HTTP_PORT } from '../src/stack-files/tempo-config.js';
import { writeStackFiles } from '../src/stack-files/write-stack-files.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-grafana-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeStackFiles(dir, {});

it('provisions every dashboard the cluster ships, unchanged', () => {
  const files = readdirSync(join(dir, 'grafana/dashboards')).sort();
  const shipped = grafanaDashboards();
  expect(files).toEqual(shipped.map((d) => d.fileName).sort());
  for (const dashboard of shipped)
    expect(JSON.parse(readFileSync(join(dir, 'grafana/dashboards', dashboard.fileName), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(dashboard.json)),
    );
});

it('gives the dashboards a default Prometheus data source and Tempo, both compose services', () => {
  const { datasources } = parse(
    readFileSync(join(dir, 'grafana/provisioning/datasources/datasources.yaml'), 'utf8'),
  ) as { datasources: { type: string; url: string; isDefault?: boolean }[] };
  const services = readComposeFile().services;
  expect(datasources.filter((d) => d.isDefault).map((d) => d.type)).toEqual(['prometheus']);
  for (const source of datasources) expect(services[new URL(source.url).hostname], source.url).toBeDefined();
  expect(new URL(datasources.find((d) => d.type === 'tempo')!.url).port).toBe(String(TEMPO_HTTP_PORT));
});

it('keeps the secrets across runs, and takes the API token it is given', () => {
  const secret = () => readFileSync(join(dir, 'secrets/db_password'), 'utf8');
  const first = secret();
  writeStackFiles(dir, { DEV_STACK_API_TOKEN: 'chosen-token' });
  expect(secret()).toBe(first);
  expect(first).toMatch(/^[0-9a-f]{48}$/);
  expect(readFileSync(join(dir, 'secrets/api_tokens'), 'utf8')).toBe('chosen-token');
});
