/**
 * The ground floor: facts every other workspace imports — names, ports, probe paths, the
 * environment list, the configuration schema, metric names, timings, secret keys and object
 * names. Pure data and pure functions, no side effects on import, no dependency on any other
 * workspace.
 */
export * from './argocd.js';
export * from './config-schema.js';
export * from './environments.js';
export * from './gitops.js';
export * from './kubernetes-objects.js';
export * from './lifecycle.js';
export * from './metrics.js';
export * from './names.js';
export * from './network.js';
export * from './secrets.js';
export * from './service-image.js';
export * from './transport-security.js';
