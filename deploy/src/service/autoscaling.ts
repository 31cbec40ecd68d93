import { NAMESPACES, OBJECT_NAMES } from '@slipway/contract';
import type { Construct } from 'constructs';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { Environment } from '../environments/index.js';
import { addObject } from '../objects/kube-object.js';
import { COMPONENTS, SERVICE_LABELS, selectorLabels } from '../objects/names.js';

/**
 * CPU-driven autoscaling on requests. Scale up fast (double per 30 s); scale down slowly (one pod
 * a minute after five calm minutes) so a bursty minute does not flap the replica count.
 */
export function serviceAutoscaler(scope: Construct, env: Environment): void {
  addObject(
    scope,
    new HorizontalPodAutoscaler({
      metadata: {
        name: OBJECT_NAMES.horizontalPodAutoscaler,
        namespace: NAMESPACES.service,
        labels: { ...SERVICE_LABELS },
      },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: OBJECT_NAMES.deployment },
        minReplicas: env.scaling.minReplicas,
        maxReplicas: env.scaling.maxReplicas,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: env.scaling.targetCpuUtilization },
            },
          },
        ],
        behavior: {
          scaleUp: {
            stabilizationWindowSeconds: 0,
            selectPolicy: 'Max',
            policies: [{ type: 'Percent', value: 100, periodSeconds: 30 }],
          },
          scaleDown: {
            stabilizationWindowSeconds: 300,
            selectPolicy: 'Min',
            policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
          },
        },
      },
    }),
  );
}

/** One pod at a time may be evicted: always possible at the HPA minimum (≥ 2), never all at once. */
export function serviceDisruptionBudget(scope: Construct): void {
  addObject(
    scope,
    new PodDisruptionBudget({
      metadata: {
        name: OBJECT_NAMES.deployment,
        namespace: NAMESPACES.service,
        labels: { ...SERVICE_LABELS },
      },
      spec: {
        maxUnavailable: 1,
        selector: { matchLabels: selectorLabels(COMPONENTS.server) },
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    }),
  );
}
