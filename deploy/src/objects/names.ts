/**
 * Names only the Kubernetes delivery uses (labels, object names, add-on namespaces that exist only
 * in the local kind cluster). Names shared with the other workspaces (object names, namespaces,
 * ports, paths, settings) come from @slipway/contract.
 */
import { SERVICE_NAME } from '@slipway/contract';

/** The domain of this project's own labels and annotations (`<prefix>.slipway.dev/<name>`). */
export const LABEL_DOMAIN = `${SERVICE_NAME}.dev`;

/** Recommended labels on every object of the service; the selector uses the stable subset. */
export const SERVICE_LABELS = {
  'app.kubernetes.io/name': SERVICE_NAME,
  'app.kubernetes.io/part-of': SERVICE_NAME,
  'app.kubernetes.io/managed-by': 'cdk8s',
} as const;

export const COMPONENTS = { server: 'server', migrate: 'migrate' } as const;
export type Component = (typeof COMPONENTS)[keyof typeof COMPONENTS];

export function selectorLabels(component: Component): Record<string, string> {
  return { 'app.kubernetes.io/name': SERVICE_NAME, 'app.kubernetes.io/component': component };
}

/** Namespaces that exist only in the local kind cluster. */
export const LOCAL_NAMESPACES = {
  traefik: 'traefik',
  cnpgOperator: 'cnpg-system',
} as const;

/** The ClusterSecretStore every ExternalSecret reads through (AWS Secrets Manager). */
export const CLUSTER_SECRET_STORE = 'aws-secrets-manager';

/** ArgoCD AppProjects: one for the service, one for the cluster add-ons. */
export const PROJECTS = { service: SERVICE_NAME, platform: 'platform' } as const;

/** Annotation prefix of a policy waiver: `waivers.slipway.dev/<check-id>: <reason>`. */
export const WAIVER_ANNOTATION_PREFIX = `waivers.${LABEL_DOMAIN}/`;

/** Pod template annotation whose value changes when the ConfigMap's content changes (rolls the pods). */
export const CONFIG_CHECKSUM_ANNOTATION = `checksum.${LABEL_DOMAIN}/config`;

/** Annotation on each dashboard ConfigMap: the dashboard's title, for people listing ConfigMaps. */
export const DASHBOARD_TITLE_ANNOTATION = `grafana.${LABEL_DOMAIN}/title`;
