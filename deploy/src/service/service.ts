import { METRICS_PORT, NAMESPACES, OBJECT_NAMES, PORT_NAMES } from '@slipway/contract';
import { IntOrString, KubeService } from 'cdk8s-plus-33/lib/imports/k8s.js';
import type { Construct } from 'constructs';
import { COMPONENTS, SERVICE_LABELS, selectorLabels } from '../names.js';

/** Port the Service exposes for HTTP inside the cluster (the container keeps HTTP_PORT). */
export const SERVICE_HTTP_PORT = 80;

export function serviceService(scope: Construct): KubeService {
  return new KubeService(scope, 'service', {
    metadata: { name: OBJECT_NAMES.service, namespace: NAMESPACES.service, labels: { ...SERVICE_LABELS } },
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(COMPONENTS.server),
      ports: [
        {
          name: PORT_NAMES.http,
          port: SERVICE_HTTP_PORT,
          targetPort: IntOrString.fromString(PORT_NAMES.http),
          protocol: 'TCP',
        },
        {
          name: PORT_NAMES.metrics,
          port: METRICS_PORT,
          targetPort: IntOrString.fromString(PORT_NAMES.metrics),
          protocol: 'TCP',
        },
      ],
    },
  });
}
