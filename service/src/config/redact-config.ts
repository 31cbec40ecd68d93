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
