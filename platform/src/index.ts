export * from './environments.js';
export * from './gitops.js';
export * from './names.js';
