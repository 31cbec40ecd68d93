/**
 * A cluster add-on: an upstream Helm chart at a pinned version, its values as typed code, the
 * namespace it lives in and that namespace's Pod Security level. Values that depend on the AWS
 * account (VPC id, zone id, cluster name) are Helm parameters templated by an ApplicationSet from
 * the cluster metadata infra/ writes on ArgoCD's cluster Secret; everything else is in git.
 */
import type { AddonName } from '../environments/index.js';
import type { KubernetesModel } from '../objects/kube-object.js';
import type { PodSecurityLevel } from '../objects/namespace.js';
import type { Waiver } from '../objects/waivers.js';
import type { HelmChart } from './chart-versions.js';

export interface Addon {
  name: AddonName;
  chart: HelmChart;
  releaseName: string;
  namespace: string;
  /** Whether the platform renders (and labels) the namespace; false for kube-system. */
  ownsNamespace: boolean;
  podSecurity: PodSecurityLevel;
  namespaceWaivers?: Waiver[];
  values: Record<string, unknown>;
  /**
   * Helm parameters; a value may contain clusterValue(...) templates, which makes the add-on an
   * ApplicationSet over the cluster generator instead of a plain Application.
   */
  parameters?: { name: string; value: string }[];
  /** Dot paths into `values` of pod/container securityContexts this code sets (checked for PSS restricted). */
  securityContextPaths?: { pod?: string[]; container?: string[] };
  /** Order among the add-ons (CRD providers first). */
  syncWave: number;
  /**
   * Objects that configure the add-on and need custom resource definitions of the charts (its own,
   * or External Secrets'): rendered in the platform-config folder, which syncs after every chart
   * whose wave is below it.
   */
  companions?: KubernetesModel[];
}

/** Pod and container security contexts that satisfy Pod Security `restricted`, for add-on values. */
export function restrictedPodSecurityContext(uid: number) {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export const RESTRICTED_CONTAINER_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

/** An ApplicationSet (cluster generator, Go templates) placeholder for a cluster-metadata annotation. */
export function clusterValue(key: string): string {
  return `{{ index .metadata.annotations "${key}" }}`;
}

export function usesClusterMetadata(addon: Addon): boolean {
  return (addon.parameters ?? []).some((p) => p.value.includes('.metadata.annotations'));
}

/** Checks values against the chart's values type, then hands them to the Application as plain data. */
export function typedValues<T extends object>(values: T): Record<string, unknown> {
  return values as Record<string, unknown>;
}
