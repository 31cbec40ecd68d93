/**
 * The service's Kubernetes object names. deploy/ creates the objects under these names; the
 * observability rules and dashboards select kube-state-metrics series and the Prometheus job by
 * them; the release workflow and the tests look them up. Stable names, no hashes.
 */
import { SERVICE_NAME } from './names.js';

export const OBJECT_NAMES = {
  deployment: SERVICE_NAME,
  /** The Service. A ServiceMonitor sets Prometheus' `job` label to the Service's name. */
  service: SERVICE_NAME,
  /** The container in the service's pods. */
  container: SERVICE_NAME,
  horizontalPodAutoscaler: SERVICE_NAME,
  ingress: SERVICE_NAME,
  config: `${SERVICE_NAME}-config`,
  /** Secret holding API_TOKENS and SECRET_KEY. */
  appSecret: `${SERVICE_NAME}-app`,
  /** Secret holding DATABASE_URL and DB_PASSWORD. */
  databaseSecret: `${SERVICE_NAME}-database`,
  migrationJob: `${SERVICE_NAME}-migrate`,
  dashboards: `${SERVICE_NAME}-dashboards`,
  rules: SERVICE_NAME,
} as const;

/** Where the secrets are mounted; each setting is read from `<dir>/<NAME>` through `<NAME>_FILE`. */
export const SECRETS_MOUNT_PATH = `/var/run/secrets/${SERVICE_NAME}`;
