/**
 * Throwaway secrets of the local stack, made once and kept across restarts (PostgreSQL keeps the
 * password it was initialised with). Never committed (`dist/`). World-readable on purpose: compose
 * bind-mounts them as they are, and the containers read them as non-root users (the service as
 * 10001, Grafana as 472); they protect nothing but a stack on loopback.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_NAME, DATABASE_USERNAME, POSTGRES_PORT } from '@slipway/contract';

/** Random, made once. */
export const STACK_SECRETS = ['db_password', 'api_tokens', 'secret_key', 'grafana_admin_password'] as const;
/** compose.yaml's database service. */
export const DATABASE_HOST = 'postgres';
/**
 * DATABASE_URL is a secret setting (a URL may carry a password), so it is a file here as in the
 * cluster; like the cluster's, it carries none: DB_PASSWORD does.
 */
export const DATABASE_URL = `postgres://${DATABASE_USERNAME}@${DATABASE_HOST}:${POSTGRES_PORT}/${DATABASE_NAME}`;
export type StackSecret = (typeof STACK_SECRETS)[number];

/** Set it to choose the API token (the pipeline does, to hand the same one to the smoke test). */
export const API_TOKEN_VARIABLE = 'DEV_STACK_API_TOKEN';

export type StackSecretFile = StackSecret | 'database_url';

/** Writes the secrets under `dir` (random ones only if missing); returns each file's path. */
export function ensureStackSecrets(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): Record<StackSecretFile, string> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'database_url'), DATABASE_URL, { mode: 0o644 });
  for (const name of STACK_SECRETS) {
    const path = join(dir, name);
    const chosen = name === 'api_tokens' ? env[API_TOKEN_VARIABLE]?.trim() : undefined;
    if (chosen) writeFileSync(path, chosen, { mode: 0o644 });
    else if (!existsSync(path)) writeFileSync(path, randomBytes(24).toString('hex'), { mode: 0o644 });
  }
  const names: StackSecretFile[] = [...STACK_SECRETS, 'database_url'];
  return Object.fromEntries(names.map((name) => [name, join(dir, name)])) as Record<StackSecretFile, string>;
}
