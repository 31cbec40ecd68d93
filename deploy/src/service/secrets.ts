/**
 * Where each secret setting comes from. In AWS environments External Secrets copies them from
 * Secrets Manager (names from @slipway/contract) into two Secrets; locally a generated Secret holds
 * local-only values. Pods read them as files through `<NAME>_FILE`, never as env values.
 */

import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import {
  APP_SECRET_KEYS,
  type ConfigName,
  DATABASE_SECRET_KEYS as K,
  NAMESPACES,
  OBJECT_NAMES,
  SECRET_FILE_SUFFIX,
  SECRETS_MOUNT_PATH,
} from '@slipway/contract';
import type { Construct } from 'constructs';
import { Secret } from 'kubernetes-models/v1/Secret';
import type { Environment } from '../environments/index.js';
import { addObject } from '../objects/kube-object.js';
import { CLUSTER_SECRET_STORE, SERVICE_LABELS } from '../objects/names.js';
import { waiverAnnotations } from '../objects/waivers.js';
import { LOCAL_DATABASE } from './local-database.js';

/**
 * Secret name → the settings it holds (each key is the setting's name). The app secret's keys are
 * the JSON keys infra/ writes into Secrets Manager (APP_SECRET_KEYS).
 */
export const SECRET_SOURCES = {
  [OBJECT_NAMES.appSecret]: [APP_SECRET_KEYS.apiTokens, APP_SECRET_KEYS.secretKey],
  [OBJECT_NAMES.databaseSecret]: ['DATABASE_URL', 'DB_PASSWORD'],
} as const satisfies Record<string, readonly ConfigName[]>;

/** `API_TOKENS_FILE=/var/run/secrets/slipway/API_TOKENS`, ... for every secret setting provided. */
export function secretFileVariables(): { name: string; value: string }[] {
  return Object.values(SECRET_SOURCES)
    .flat()
    .map((setting) => ({
      name: `${setting}${SECRET_FILE_SUFFIX}`,
      value: `${SECRETS_MOUNT_PATH}/${setting}`,
    }));
}

/** How often External Secrets re-reads Secrets Manager (rotation reaches the pods' files after that). */
const REFRESH_INTERVAL = '1h';
/**
 * The database password rotates in place (RDS single-user rotation: the old password stops
 * working at once). The service re-reads DB_PASSWORD_FILE for every new connection, so the window
 * in which new connections fail is this interval plus the kubelet's secret sync (about a minute).
 */
const DATABASE_REFRESH_INTERVAL = '5m';

export function serviceSecrets(scope: Construct, env: Environment): void {
  if (env.secrets === 'external-secrets') {
    externalSecrets(scope, env);
  } else {
    generatedSecrets(scope);
  }
}

function externalSecrets(scope: Construct, env: Environment): void {
  if (!env.aws) throw new Error(`environment ${env.name}: External Secrets needs the AWS names`);
  const metadata = (name: string) => ({ name, namespace: NAMESPACES.service, labels: { ...SERVICE_LABELS } });
  const storeRef = { kind: 'ClusterSecretStore' as const, name: CLUSTER_SECRET_STORE };
  // The app secret is a JSON object whose keys are the settings' names.
  const app = new ExternalSecret({
    metadata: metadata(OBJECT_NAMES.appSecret),
    spec: {
      refreshInterval: REFRESH_INTERVAL,
      secretStoreRef: storeRef,
      target: { name: OBJECT_NAMES.appSecret, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
      data: SECRET_SOURCES[OBJECT_NAMES.appSecret].map((setting) => ({
        secretKey: setting,
        remoteRef: { key: env.aws!.secrets.app, property: setting },
      })),
    },
  });
  // The database secret is the RDS credentials JSON (username, password, host, port, dbname); the
  // password travels separately in DB_PASSWORD, so the URL needs no escaping.
  const database = new ExternalSecret({
    metadata: metadata(OBJECT_NAMES.databaseSecret),
    spec: {
      refreshInterval: DATABASE_REFRESH_INTERVAL,
      secretStoreRef: storeRef,
      target: {
        name: OBJECT_NAMES.databaseSecret,
        creationPolicy: 'Owner',
        deletionPolicy: 'Retain',
        template: {
          engineVersion: 'v2',
          data: {
            DATABASE_URL: `postgres://{{ .${K.username} }}@{{ .${K.host} }}:{{ .${K.port} }}/{{ .${K.dbname} }}`,
            DB_PASSWORD: `{{ .${K.password} }}`,
          },
        },
      },
      dataFrom: [{ extract: { key: env.aws.secrets.database } }],
    },
  });
  for (const secret of [app, database]) addObject(scope, secret);
}

/** Local only: fixed values for a throwaway kind cluster, never used anywhere else. */
function generatedSecrets(scope: Construct): void {
  const waiver = waiverAnnotations([
    {
      check: 'secret-in-git',
      reason:
        'local kind cluster only: throwaway values for a laptop or CI cluster, no real data behind them',
    },
  ]);
  const secret = (name: string, stringData: Record<string, string>) =>
    addObject(
      scope,
      new Secret({
        metadata: { name, namespace: NAMESPACES.service, labels: { ...SERVICE_LABELS }, annotations: waiver },
        type: 'Opaque',
        stringData,
      }),
    );
  secret(OBJECT_NAMES.appSecret, {
    [APP_SECRET_KEYS.apiTokens]: 'local-only-write-token-for-kind-not-a-secret',
    [APP_SECRET_KEYS.secretKey]: 'local-only-cursor-signing-key-not-a-secret',
  });
  secret(OBJECT_NAMES.databaseSecret, {
    DATABASE_URL: LOCAL_DATABASE.url,
    DB_PASSWORD: LOCAL_DATABASE.password,
  });
}
