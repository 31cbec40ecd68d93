export * from './environments.js';
export * from './names.js';
