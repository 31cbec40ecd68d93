import { ARGOCD_CM_DATA } from '@slipway/contract';

/** A merge patch for the argocd-cm ConfigMap: the settings every cluster of this project needs. */
export function argocdConfigPatch(): string {
  return JSON.stringify({ data: ARGOCD_CM_DATA });
}
