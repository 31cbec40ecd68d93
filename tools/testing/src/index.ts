export * from './network.js';
export * from './required-tool.js';
