import { METRICS_PORT, NAMESPACES, OBJECT_NAMES, PORT_NAMES } from '@slipway/contract';
import type { Construct } from 'constructs';
import { Service } from 'kubernetes-models/v1/Service';
import { addObject } from '../objects/kube-object.js';
import { COMPONENTS, SERVICE_LABELS, selectorLabels } from '../objects/names.js';

/** Port the Service exposes for HTTP inside the cluster (the container keeps HTTP_PORT). */
export const SERVICE_HTTP_PORT = 80;

export function serviceService(scope: Construct): void {
  addObject(
    scope,
    new Service({
      metadata: { name: OBJECT_NAMES.service, namespace: NAMESPACES.service, labels: { ...SERVICE_LABELS } },
      spec: {
        type: 'ClusterIP',
        selector: selectorLabels(COMPONENTS.server),
        ports: [
          {
            name: PORT_NAMES.http,
            port: SERVICE_HTTP_PORT,
            targetPort: PORT_NAMES.http,
            protocol: 'TCP',
          },
          {
            name: PORT_NAMES.metrics,
            port: METRICS_PORT,
            targetPort: PORT_NAMES.metrics,
            protocol: 'TCP',
          },
        ],
      },
    }),
  );
}
