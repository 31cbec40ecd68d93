export * from '../../src/local/prometheus-process.js';
export * from './prometheus-tools.js';
