/**
 * The JSON keys of the two Secrets Manager secrets this app creates under the environment's
 * secret prefix (names in AWS_ENVIRONMENT_NAMES[env].secrets). deploy/'s ExternalSecrets read
 * these keys; until they move to @slipway/platform, this is their one definition on the infra side.
 */

/** `secrets.database`: written by RDS/Secrets Manager (CDK's DatabaseSecret + attachment), rotated in place. */
export const DATABASE_SECRET_KEYS = {
  username: 'username',
  password: 'password',
  host: 'host',
  port: 'port',
  dbname: 'dbname',
  engine: 'engine',
  dbInstanceIdentifier: 'dbInstanceIdentifier',
} as const;

/** `secrets.app`: the service's own secrets, named as the service's environment variables. */
export const APP_SECRET_KEYS = {
  secretKey: 'SECRET_KEY',
  apiTokens: 'API_TOKENS',
} as const;

/** The database the service uses and the login it connects with (not `postgres`: CT.RDS.PR.22). */
export const DATABASE_NAME = 'slipway';
export const DATABASE_USERNAME = 'slipway';
export const POSTGRES_PORT = 5432;
