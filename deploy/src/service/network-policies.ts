/**
 * Default deny in both directions for the service's namespace, then exactly what it needs:
 * the ingress controller → http, the monitoring namespace → metrics, and egress to DNS,
 * PostgreSQL and the OTLP collector.
 */
import { HTTP_PORT, METRICS_PORT, NAMESPACES } from '@slipway/contract';
import type { Construct } from 'constructs';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicySpec';
import type { Environment } from '../environments/index.js';
import { TRACING_COLLECTOR } from '../environments/tracing.js';
import { addObject } from '../objects/kube-object.js';
import { COMPONENTS, LOCAL_NAMESPACES, SERVICE_LABELS, selectorLabels } from '../objects/names.js';
import { LOCAL_DATABASE } from './local-database.js';

const namespaceSelector = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const tcp = (port: number) => ({ protocol: 'TCP' as const, port });
/** Every pod of the service: the server and the migration Job. */
const servicePods = { matchLabels: { 'app.kubernetes.io/name': SERVICE_LABELS['app.kubernetes.io/name'] } };

function ingressControllerPeers(env: Environment): INetworkPolicyPeer[] {
  if (env.ingress.controller === 'traefik') {
    return [{ namespaceSelector: namespaceSelector(LOCAL_NAMESPACES.traefik) }];
  }
  // Target type ip: the ALB connects from its own addresses inside the VPC.
  if (env.database.kind !== 'rds') throw new Error(`environment ${env.name}: the ALB needs the VPC CIDR`);
  return [{ ipBlock: { cidr: env.database.cidr } }];
}

function databaseEgress(env: Environment) {
  if (env.database.kind === 'rds') {
    return { to: [{ ipBlock: { cidr: env.database.cidr } }], ports: [tcp(env.database.port)] };
  }
  return {
    to: [
      {
        namespaceSelector: namespaceSelector(LOCAL_DATABASE.namespace),
        podSelector: { matchLabels: { ...LOCAL_DATABASE.podLabels } },
      },
    ],
    ports: [tcp(LOCAL_DATABASE.port)],
  };
}

export function serviceNetworkPolicies(scope: Construct, env: Environment): void {
  const policy = (name: string, spec: INetworkPolicySpec) =>
    addObject(
      scope,
      new NetworkPolicy({
        metadata: { name, namespace: NAMESPACES.service, labels: { ...SERVICE_LABELS } },
        spec,
      }),
    );
  policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  policy('allow-http-from-ingress-controller', {
    podSelector: { matchLabels: selectorLabels(COMPONENTS.server) },
    policyTypes: ['Ingress'],
    ingress: [{ from: ingressControllerPeers(env), ports: [tcp(HTTP_PORT)] }],
  });
  policy('allow-metrics-from-monitoring', {
    podSelector: { matchLabels: selectorLabels(COMPONENTS.server) },
    policyTypes: ['Ingress'],
    ingress: [
      { from: [{ namespaceSelector: namespaceSelector(NAMESPACES.monitoring) }], ports: [tcp(METRICS_PORT)] },
    ],
  });
  policy('allow-egress-dns', {
    podSelector: servicePods,
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          {
            namespaceSelector: namespaceSelector('kube-system'),
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [
          { protocol: 'UDP' as const, port: 53 },
          { protocol: 'TCP' as const, port: 53 },
        ],
      },
    ],
  });
  policy('allow-egress-postgresql', {
    podSelector: servicePods,
    policyTypes: ['Egress'],
    egress: [databaseEgress(env)],
  });
  policy('allow-egress-otlp', {
    podSelector: { matchLabels: selectorLabels(COMPONENTS.server) },
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          {
            namespaceSelector: namespaceSelector(TRACING_COLLECTOR.namespace),
            podSelector: { matchLabels: { ...TRACING_COLLECTOR.podLabels } },
          },
        ],
        ports: [tcp(TRACING_COLLECTOR.port)],
      },
    ],
  });
}
