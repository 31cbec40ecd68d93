export { ConfigError } from './config-error.js';
export { loadConfig } from './load-config.js';
export { redactConfig } from './redact-config.js';
export { type SecretSource, secretSource } from './secret-source.js';
