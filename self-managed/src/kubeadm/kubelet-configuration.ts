/**
 * The kubelet settings every node shares (kubeadm uploads them to the kubelet-config ConfigMap at
 * init; joining nodes read them from there). CIS 4.2.x where it applies.
 */
import { DEFAULT_DRAIN_SECONDS, DEFAULT_SHUTDOWN_TIMEOUT_SECONDS } from '@slipway/contract';
import type { ClusterDesign } from '../design/cluster-design.js';
import { TLS_CIPHER_SUITES, TLS_MIN_VERSION } from './control-plane-hardening.js';
import { KUBELET_API_VERSION, type KubeletConfiguration } from './kubelet-schema.js';

/**
 * Graceful node shutdown: when a node powers off (patching, a hypervisor move), the kubelet holds
 * the shutdown for this long and stops pods properly. Regular pods get the total minus the
 * critical share; the test checks that covers the service's own worst case (preStop drain +
 * shutdown timeout from @slipway/contract), so a reboot never cuts requests short.
 */
export const NODE_SHUTDOWN_GRACE_SECONDS = 60;
export const NODE_SHUTDOWN_CRITICAL_PODS_SECONDS = 20;

/** The longest a service pod needs to stop cleanly: the preStop drain, then the service's own shutdown bound. */
export const SERVICE_POD_SHUTDOWN_SECONDS = DEFAULT_DRAIN_SECONDS + DEFAULT_SHUTDOWN_TIMEOUT_SECONDS;

export function kubeletConfiguration(design: ClusterDesign): KubeletConfiguration {
  return {
    apiVersion: KUBELET_API_VERSION,
    kind: 'KubeletConfiguration',
    // containerd on systemd hosts: one cgroup manager, not two (kubeadm's default, stated).
    cgroupDriver: 'systemd',
    containerRuntimeEndpoint: design.criSocket,
    authentication: { anonymous: { enabled: false }, webhook: { enabled: true } }, // CIS 4.2.1–4.2.2
    authorization: { mode: 'Webhook' }, // CIS 4.2.2
    readOnlyPort: 0, // CIS 4.2.4
    rotateCertificates: true, // CIS 4.2.11
    // Serving certificates signed by the cluster CA (CIS 4.2.10, 4.2.12), so the API server can
    // verify kubelets; their CSRs are approved by kubelet-csr-approver (see the design doc).
    serverTLSBootstrap: true,
    protectKernelDefaults: true, // CIS 4.2.6; the node image sets the sysctls the kubelet expects
    seccompDefault: true, // RuntimeDefault for every container that does not choose a profile
    tlsMinVersion: TLS_MIN_VERSION,
    tlsCipherSuites: [...TLS_CIPHER_SUITES], // CIS 4.2.13
    eventRecordQPS: 5, // CIS 4.2.9: events are kept, not dropped under load, without flooding etcd
    shutdownGracePeriod: `${NODE_SHUTDOWN_GRACE_SECONDS}s`,
    shutdownGracePeriodCriticalPods: `${NODE_SHUTDOWN_CRITICAL_PODS_SECONDS}s`,
  };
}
