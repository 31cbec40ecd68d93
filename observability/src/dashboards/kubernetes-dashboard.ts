/** The service's pods as Kubernetes sees them (kube-state-metrics and cAdvisor series). */
import { KUBE_STATE_METRICS as KSM } from '../rules/cause-alerts.js';
import { CONTAINER_NAME, DEPLOYMENT_NAME, HPA_NAME } from '../series/scrape-target.js';
import { kube, newDashboard, timeseries, VARIABLES } from './dashboard-parts.js';

/** cAdvisor series (scraped from the kubelet by kube-prometheus-stack). */
export const CADVISOR_METRICS = {
  cpu: 'container_cpu_usage_seconds_total',
  memory: 'container_memory_working_set_bytes',
} as const;

export function kubernetesDashboard() {
  const container = kube(`container="${CONTAINER_NAME}"`);
  const hpa = kube(`horizontalpodautoscaler="${HPA_NAME}"`);
  const deployment = kube(`deployment="${DEPLOYMENT_NAME}"`);
  return newDashboard('kubernetes', 'Slipway / Kubernetes', 'Replicas, restarts, autoscaling and resources.')
    .withPanel(
      timeseries('Replicas and autoscaler', 'none', [
        { expr: `${KSM.deploymentReplicasAvailable}${deployment}`, legend: 'available' },
        { expr: `${KSM.hpaCurrentReplicas}${hpa}`, legend: 'current' },
        { expr: `${KSM.hpaDesiredReplicas}${hpa}`, legend: 'desired' },
        { expr: `${KSM.hpaMinReplicas}${hpa}`, legend: 'min' },
        { expr: `${KSM.hpaMaxReplicas}${hpa}`, legend: 'max' },
      ]),
    )
    .withPanel(
      timeseries('Container restarts', 'none', [
        {
          expr: `sum by (pod) (increase(${KSM.containerRestarts}${container}[${VARIABLES.rateInterval}]))`,
          legend: '{{pod}}',
        },
        { expr: `sum(${KSM.containerRestarts}${container})`, legend: 'total since start' },
      ]),
    )
    .withPanel(
      timeseries('Containers waiting, by reason', 'none', [
        { expr: `sum by (reason) (${KSM.containerWaitingReason}${container})`, legend: '{{reason}}' },
      ]),
    )
    .withPanel(
      timeseries('CPU by pod', 'none', [
        {
          expr: `sum by (pod) (rate(${CADVISOR_METRICS.cpu}${container}[${VARIABLES.rateInterval}]))`,
          legend: '{{pod}}',
        },
      ]),
    )
    .withPanel(
      timeseries('Memory working set by pod', 'bytes', [
        { expr: `sum by (pod) (${CADVISOR_METRICS.memory}${container})`, legend: '{{pod}}' },
      ]),
    );
}
