/**
 * `npm run local -w @slipway/observability-lab [-- --faults]`: the service and Debian's Prometheus on
 * loopback, with the shipped rules (and the burn-rate drill), to look at the series, rules and
 * alerts by hand. `--faults` injects 50 % errors and 350 ms delays; drive traffic with e.g.
 * `autocannon -d 60 <service url>/api/users`. Ctrl-C stops everything.
 */
import { PATHS } from '@slipway/contract';
import { renderRuleFile, ruleFileYaml, SCRAPE_JOB } from '@slipway/observability';
import { startServiceProcess } from '@slipway/testing';
import { drillRuleGroups } from '../drill-rules.js';
import { startPrometheus } from '../prometheus-process.js';

const faults = process.argv.includes('--faults');
const service = await startServiceProcess({
  RATE_LIMIT_MAX: '0',
  ...(faults && { FAULT_INJECTION_ENABLED: 'true', FAULT_ERROR_RATE: '0.5', FAULT_DELAY_MS: '350' }),
});
const metricsTarget = new URL(service.metricsUrl).host;
const prometheus = await startPrometheus({
  interval: '1s',
  ruleFiles: { 'shipped-rules.yml': renderRuleFile(), 'drill-rules.yml': ruleFileYaml(drillRuleGroups()) },
  scrapeConfigs: [
    { job_name: SCRAPE_JOB, metrics_path: PATHS.metrics, static_configs: [{ targets: [metricsTarget] }] },
  ],
});
console.log(`service:     ${service.url}${faults ? ' (faults injected)' : ''}`);
console.log(`metrics:     ${service.metricsUrl}${PATHS.metrics}`);
console.log(
  `prometheus:  ${prometheus.url}  (alerts: ${prometheus.url}/alerts, rules: ${prometheus.url}/rules)`,
);
console.log('Ctrl-C stops both.');

const stop = async () => {
  await service.stop();
  await prometheus.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
