export * from './prometheus-server.js';
export * from './prometheus-tools.js';
