/**
 * ArgoCD settings every cluster of this project needs, whoever installs ArgoCD (infra/ on AWS,
 * tools/local-cluster on kind).
 */

/**
 * Since ArgoCD 1.8 an Application has no health of its own in its parent, so sync waves between
 * child Applications would not wait for each other. This health check (the one ArgoCD's
 * documentation gives) makes the root wait for each wave — cluster, add-ons, config, service — to
 * be Healthy before the next.
 */
export const APPLICATION_HEALTH_LUA = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil and obj.status.health ~= nil then
  hs.status = obj.status.health.status
  if obj.status.health.message ~= nil then
    hs.message = obj.status.health.message
  end
end
return hs
`;

/** The argocd-cm entries that carry APPLICATION_HEALTH_LUA. */
export const ARGOCD_CM_DATA = {
  'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_LUA,
} as const;

/**
 * Helm charts served from OCI registries: ArgoCD must know each as a Helm repository with OCI
 * enabled (infra/ declares them when it installs ArgoCD), and deploy/'s Applications name the same
 * URL (no scheme) as their repoURL.
 */
export const OCI_HELM_REPOSITORIES = { karpenter: 'public.ecr.aws/karpenter' } as const;
