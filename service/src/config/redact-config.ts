import { type Config, type ConfigName, SECRET_SETTINGS } from '@slipway/contract';

/**
 * The configuration as /config shows it: secrets only as "set" or "unset" — never their value,
 * not even a prefix. DATABASE_URL is a secret as a whole because it may embed a password.
 */
export function redactConfig(config: Config): Record<string, string | number | boolean> {
  const shown: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(config)) {
    shown[name] = SECRET_SETTINGS.includes(name as ConfigName) ? (value === '' ? 'unset' : 'set') : value;
  }
  return shown;
}

/**
 * Every secret value in the configuration, for masking log lines: each API token on its own (a
 * client may send one), the whole list, and the rest as they are.
 */
export function secretValues(config: Config): string[] {
  const values = SECRET_SETTINGS.map((name) => String(config[name]));
  const tokens = config.API_TOKENS.split(',').map((t) => t.trim());
  // Longest first, so a list is masked whole before its parts.
  return [...new Set([...values, ...tokens])].filter((v) => v !== '').sort((a, b) => b.length - a.length);
}
