export * from './network.js';
export * from './postgres-server.js';
export * from './required-tool.js';
export * from './service-process.js';
