/** Pinned versions of what the local cluster runs (a dependency bot bumps them). */

/** kind v0.30.0's default node image (Kubernetes 1.34), pinned by digest as kind recommends. */
export const KIND_NODE_IMAGE =
  'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a';

export const ARGOCD_VERSION = 'v3.5.1';

export const ARGOCD_INSTALL_URL = `https://raw.githubusercontent.com/argoproj/argo-cd/${ARGOCD_VERSION}/manifests/install.yaml`;
