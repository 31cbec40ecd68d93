/**
 * A Secret of an add-on copied from Secrets Manager by External Secrets, key for key, through the
 * ClusterSecretStore (whose conditions must admit the add-on's namespace).
 */
import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import { CLUSTER_SECRET_STORE } from '../objects/names.js';

/** Receiver keys and passwords change rarely; an hour bounds how long a rotation takes to arrive. */
const REFRESH_INTERVAL = '1h';

export function platformSecret(options: {
  name: string;
  namespace: string;
  /** The Secrets Manager secret (a JSON object). */
  source: string;
  /** Its keys, copied under the same names. */
  keys: readonly string[];
}): ExternalSecret {
  return new ExternalSecret({
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      refreshInterval: REFRESH_INTERVAL,
      secretStoreRef: { kind: 'ClusterSecretStore', name: CLUSTER_SECRET_STORE },
      target: { name: options.name, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
      data: options.keys.map((key) => ({
        secretKey: key,
        remoteRef: { key: options.source, property: key },
      })),
    },
  });
}
