import { readFileSync } from 'node:fs';
import { type Config, type ConfigName, SECRET_FILE_SUFFIX } from '@slipway/contract';

/**
 * The current value of a secret. When `<NAME>_FILE` is set the file is read again on every call,
 * so a rotated secret (Kubernetes updates mounted Secret files in place) is used from the next
 * call on without a restart; otherwise the value loaded at start.
 */
/** A secret file's content. Files written by editors and `kubectl create secret --from-file` often
 * end in a newline, which is not part of the secret. */
export function readSecretFile(path: string): string {
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}

export function secretSource(config: Config, env: Record<string, string | undefined> = process.env) {
  return (name: ConfigName): string => {
    const file = env[`${name}${SECRET_FILE_SUFFIX}`];
    if (file === undefined || file === '') return String(config[name]);
    try {
      return readSecretFile(file);
    } catch {
      // The file is briefly missing while Kubernetes swaps it: keep using the last known value.
      return String(config[name]);
    }
  };
}

export type SecretSource = ReturnType<typeof secretSource>;
