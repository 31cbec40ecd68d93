/**
 * `npm run rules` (root) / `npm run render -w @slipway/observability`: writes the plain Prometheus
 * rule file for Prometheus servers without the Operator. Not committed: nothing reads it from git
 * (the clusters get the same groups as a PrometheusRule rendered by deploy/).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRuleFile } from './rules/rule-file.js';

const defaultPath = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/prometheus-rules.yml');
const target = resolve(process.argv[2] ?? defaultPath);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderRuleFile());
console.log(`wrote ${target}`);
