/** Add-ons only the kind cluster needs: Traefik as its ingress controller, CloudNativePG for PostgreSQL. */
import { LOCAL_NAMESPACES } from '../objects/names.js';
import {
  type Addon,
  RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  restrictedPodSecurityContext,
  typedValues,
} from './addon.js';
import type { CloudnativePgValues, TraefikValues } from './chart-values.js';
import { CHARTS } from './chart-versions.js';

/** kind maps this NodePort to the host (see tools/local-cluster). */
export const TRAEFIK_WEB_NODE_PORT = 30080;

export function traefik(): Addon {
  return {
    name: 'traefik',
    chart: CHARTS.traefik,
    releaseName: 'traefik',
    namespace: LOCAL_NAMESPACES.traefik,
    ownsNamespace: true,
    podSecurity: 'restricted',
    syncWave: -10,
    values: typedValues<TraefikValues>({
      service: { type: 'NodePort' },
      ports: { web: { nodePort: TRAEFIK_WEB_NODE_PORT }, websecure: { expose: { default: false } } },
      ingressClass: { enabled: true, isDefaultClass: true, name: 'traefik' },
      providers: { kubernetesIngress: { enabled: true }, kubernetesCRD: { enabled: false } },
      podSecurityContext: restrictedPodSecurityContext(65532),
      securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
    }),
    securityContextPaths: { pod: ['podSecurityContext'], container: ['securityContext'] },
  };
}

export function cloudnativePg(): Addon {
  return {
    name: 'cloudnative-pg',
    chart: CHARTS.cloudnativePg,
    releaseName: 'cloudnative-pg',
    namespace: LOCAL_NAMESPACES.cnpgOperator,
    ownsNamespace: true,
    podSecurity: 'restricted',
    syncWave: -10,
    values: typedValues<CloudnativePgValues>({
      replicaCount: 1,
      podSecurityContext: restrictedPodSecurityContext(10001),
      containerSecurityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
    }),
    securityContextPaths: { pod: ['podSecurityContext'], container: ['containerSecurityContext'] },
  };
}
