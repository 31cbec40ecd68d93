import { type ClusterDesign, controlPlaneEndpoint } from '../design/cluster-design.js';
import {
  API_SERVER_ARGS,
  API_SERVER_VOLUMES,
  controllerManagerArgs,
  ETCD_ARGS,
  SCHEDULER_ARGS,
} from './control-plane-hardening.js';
import { type ClusterConfiguration, KUBEADM_API_VERSION } from './v1beta4-schema.js';

/** One year for leaf certificates: every minor upgrade (at least every 14 months, see the design doc) renews them. */
export const CERTIFICATE_VALIDITY = '8760h0m0s';
export const CA_CERTIFICATE_VALIDITY = '87600h0m0s';

/** Cluster-wide settings; kubeadm stores them in the kubeadm-config ConfigMap at init. */
export function clusterConfiguration(design: ClusterDesign): ClusterConfiguration {
  return {
    apiVersion: KUBEADM_API_VERSION,
    kind: 'ClusterConfiguration',
    clusterName: design.clusterName,
    kubernetesVersion: design.kubernetesVersion,
    controlPlaneEndpoint: controlPlaneEndpoint(design),
    networking: {
      podSubnet: design.podSubnet,
      serviceSubnet: design.serviceSubnet,
      dnsDomain: design.dnsDomain,
    },
    etcd: { local: { dataDir: design.etcd.dataDir, extraArgs: ETCD_ARGS } },
    apiServer: {
      // The endpoint's name and virtual IP, so clients reaching the API through the load balancer
      // can verify the certificate; kubeadm adds each node's own address and the service IP.
      certSANs: [design.apiEndpoint.dnsName, design.apiEndpoint.virtualAddress],
      extraArgs: API_SERVER_ARGS,
      extraVolumes: API_SERVER_VOLUMES.map((v) => ({ ...v })),
    },
    controllerManager: { extraArgs: controllerManagerArgs(design.nodeCidrMaskSize) },
    scheduler: { extraArgs: SCHEDULER_ARGS },
    certificateValidityPeriod: CERTIFICATE_VALIDITY,
    caCertificateValidityPeriod: CA_CERTIFICATE_VALIDITY,
  };
}
