/**
 * The kind cluster: one control plane and one worker, Traefik's web NodePort published on the
 * host's loopback so http://<local host>:<port> reaches the service through the Ingress.
 */
import { SERVICE_NAME } from '@slipway/contract';
import { TRAEFIK_WEB_NODE_PORT } from '@slipway/deploy';
import { stringify } from 'yaml';
import { KIND_NODE_IMAGE } from './versions.js';

/** The kind cluster is named after the service (its kubectl context is `kind-<name>`). */
export const CLUSTER_NAME = SERVICE_NAME;

/** Host port the local Ingress answers on (http://slipway.localtest.me:8080). */
export const DEFAULT_HOST_PORT = 8080;

export function kindConfig(hostPort = DEFAULT_HOST_PORT): string {
  return stringify({
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    name: CLUSTER_NAME,
    nodes: [
      {
        role: 'control-plane',
        image: KIND_NODE_IMAGE,
        extraPortMappings: [
          { containerPort: TRAEFIK_WEB_NODE_PORT, hostPort, listenAddress: '127.0.0.1', protocol: 'TCP' },
        ],
      },
      { role: 'worker', image: KIND_NODE_IMAGE },
    ],
  });
}
