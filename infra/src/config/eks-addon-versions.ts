/**
 * The EKS managed add-ons of every cluster, each pinned to an exact build so that a re-deploy never
 * changes one by itself: without a version, CloudFormation installs whatever EKS calls the default
 * on the day the add-on is created, and two clusters built a month apart differ.
 *
 * Renovate keeps the pins current (the `aws-eks-addon` datasource, `.github/renovate.json`): the
 * comment above each line is the datasource's filter and must name the cluster's Kubernetes version
 * (a test checks it against KUBERNETES_VERSION). Bump the Kubernetes version and these together.
 * The versions the clusters may take: `aws eks describe-addon-versions --kubernetes-version 1.36
 * --addon-name <name>`.
 */
export const EKS_ADDON_VERSIONS = {
  // renovate: eksAddonsFilter={"kubernetesVersion":"1.36","addonName":"vpc-cni"}
  'vpc-cni': 'v1.22.4-eksbuild.3',
  // renovate: eksAddonsFilter={"kubernetesVersion":"1.36","addonName":"kube-proxy"}
  'kube-proxy': 'v1.36.0-eksbuild.21',
  // renovate: eksAddonsFilter={"kubernetesVersion":"1.36","addonName":"coredns"}
  coredns: 'v1.14.3-eksbuild.16',
  // renovate: eksAddonsFilter={"kubernetesVersion":"1.36","addonName":"eks-pod-identity-agent"}
  'eks-pod-identity-agent': 'v1.3.10-eksbuild.3',
  // renovate: eksAddonsFilter={"kubernetesVersion":"1.36","addonName":"aws-ebs-csi-driver"}
  'aws-ebs-csi-driver': 'v1.66.0-eksbuild.1',
} as const;

export type EksAddonName = keyof typeof EKS_ADDON_VERSIONS;
