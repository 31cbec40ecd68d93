export * from './argocd.js';
export * from './environments.js';
export * from './gitops.js';
export * from './names.js';
export * from './secrets.js';
