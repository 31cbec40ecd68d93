/**
 * The local environment's PostgreSQL: a CloudNativePG cluster in the database namespace, with
 * local-only credentials shared by its bootstrap Secret and the service's generated Secret.
 */
import { NAMESPACES, POSTGRES_PORT, SERVICE_NAME } from '@slipway/contract';

const name = `${SERVICE_NAME}-db`;
const port = POSTGRES_PORT;

export const LOCAL_DATABASE = {
  cluster: name,
  namespace: NAMESPACES.database,
  port,
  database: SERVICE_NAME,
  owner: SERVICE_NAME,
  /** Basic-auth Secret CloudNativePG bootstraps the owner with. */
  credentialsSecret: `${name}-credentials`,
  password: 'local-only-database-password',
  /** CloudNativePG's read-write Service is `<cluster>-rw`. */
  url: `postgres://${SERVICE_NAME}@${name}-rw.${NAMESPACES.database}.svc.cluster.local:${port}/${SERVICE_NAME}`,
  /** Label CloudNativePG puts on the cluster's pods. */
  podLabels: { 'cnpg.io/cluster': name },
} as const;
