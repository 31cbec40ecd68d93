/**
 * The Secrets Manager secrets infra/ creates under each environment's secret prefix
 * (AWS_ENVIRONMENT_NAMES[env].secrets) and deploy/'s ExternalSecrets read: their JSON keys,
 * the database and login names, and the PostgreSQL port.
 */
import { SERVICE_NAME } from './names.js';

/** `secrets.database`: written by RDS/Secrets Manager and rotated in place. */
export const DATABASE_SECRET_KEYS = {
  username: 'username',
  password: 'password',
  host: 'host',
  port: 'port',
  dbname: 'dbname',
  engine: 'engine',
  dbInstanceIdentifier: 'dbInstanceIdentifier',
} as const;

/** `secrets.app`: the service's own secrets, keyed by the service's environment variable names. */
export const APP_SECRET_KEYS = {
  secretKey: 'SECRET_KEY',
  apiTokens: 'API_TOKENS',
} as const;

/** The database the service uses and the login it connects with (not `postgres`: CT.RDS.PR.22). */
export const DATABASE_NAME = SERVICE_NAME;
export const DATABASE_USERNAME = SERVICE_NAME;
export const POSTGRES_PORT = 5432;
