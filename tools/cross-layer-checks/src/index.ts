/** The cross-layer checks: each takes an environment's layers and returns what disagrees. */
export { alertReceivers, type RouteTester } from './checks/alert-receivers.js';
export { chartSecrets } from './checks/chart-secrets.js';
export { controllersInstalled } from './checks/controllers-installed.js';
export { externalSecretSources } from './checks/external-secret-sources.js';
export { networkPolicyEnforcement } from './checks/network-policy-enforcement.js';
export { nodeAutoscaling } from './checks/node-autoscaling.js';
export { podIdentity } from './checks/pod-identity.js';
export { storageProvisioning } from './checks/storage-provisioning.js';
export { telemetryStorage } from './checks/telemetry-storage.js';
export { type Layers, loadLayers, withManifests } from './layers/layers.js';
