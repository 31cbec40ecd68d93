/**
 * A FAKE of kube-state-metrics and the kubelet's cAdvisor endpoint: there is no cluster on this
 * machine, so the Kubernetes dashboard's series come from this small exposition server instead.
 * It serves the series names and labels the real exporters use for the service's pods and HPA,
 * with counters that grow on every scrape.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CADVISOR_METRICS,
  CONTAINER_NAME,
  DEPLOYMENT_NAME,
  HPA_NAME,
  KUBE_STATE_METRICS as KSM,
} from '@slipway/observability';

export async function startFakeKubeStateMetrics(namespace: string) {
  const pods = [`${CONTAINER_NAME}-7d9f8b6c5-x2x4z`, `${CONTAINER_NAME}-7d9f8b6c5-q8k2m`];
  const hpa = `namespace="${namespace}",horizontalpodautoscaler="${HPA_NAME}"`;
  let scrapes = 0;
  const exposition = () => {
    scrapes += 1;
    const perPod = pods.flatMap((pod, index) => {
      const labels = `namespace="${namespace}",pod="${pod}",container="${CONTAINER_NAME}"`;
      return [
        `${KSM.containerRestarts}{${labels}} ${index}`,
        `${KSM.containerWaitingReason}{${labels},reason="CrashLoopBackOff"} 0`,
        `${CADVISOR_METRICS.cpu}{${labels}} ${(scrapes * 0.05).toFixed(2)}`,
        `${CADVISOR_METRICS.memory}{${labels}} ${80_000_000 + index * 1_000_000}`,
      ];
    });
    return [
      `${KSM.hpaCurrentReplicas}{${hpa}} ${pods.length}`,
      `${KSM.hpaDesiredReplicas}{${hpa}} ${pods.length}`,
      `${KSM.hpaMinReplicas}{${hpa}} 2`,
      `${KSM.hpaMaxReplicas}{${hpa}} 6`,
      `${KSM.deploymentReplicasAvailable}{namespace="${namespace}",deployment="${DEPLOYMENT_NAME}"} ${pods.length}`,
      ...perPod,
      '',
    ].join('\n');
  };
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(exposition());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
