/**
 * Every ExternalSecret key ⇒ a Secrets Manager secret infra creates, holding that property. A
 * missing secret or key leaves the Kubernetes Secret unsynced: the pods that mount it never start
 * (or, for an optional value, start without it).
 */
import { APP_SECRET_KEYS, DATABASE_SECRET_KEYS } from '@slipway/contract';
import { type InfraTemplates, referenced, resourcesOfType } from '../layers/infra-templates.js';
import type { Layers } from '../layers/layers.js';
import { describeManifest, type Json } from '../layers/rendered-manifests.js';

/** JSON keys written into a secret by something other than its template. */
const KEYS_ADDED_BY = {
  // Attaching a secret to an RDS instance adds the connection fields.
  'AWS::SecretsManager::SecretTargetAttachment': [
    DATABASE_SECRET_KEYS.host,
    DATABASE_SECRET_KEYS.port,
    DATABASE_SECRET_KEYS.engine,
    DATABASE_SECRET_KEYS.dbInstanceIdentifier,
  ],
  // infra's seeding function adds the first API token (src/functions/seed-app-secret).
  'Custom::AppSecretSeed': [APP_SECRET_KEYS.apiTokens],
} as const;

/** Secret name → the JSON keys it will hold once deployed. */
export function infraSecrets(infra: InfraTemplates): Map<string, Set<string>> {
  const secrets = new Map<string, Set<string>>();
  const byId = new Map<string, Set<string>>();
  for (const secret of resourcesOfType(infra, 'AWS::SecretsManager::Secret')) {
    const keys = new Set<string>();
    const literal = secret.properties.SecretString;
    if (typeof literal === 'string') for (const key of Object.keys(JSON.parse(literal))) keys.add(key);
    const generated = secret.properties.GenerateSecretString as Json;
    if (generated?.SecretStringTemplate)
      for (const key of Object.keys(JSON.parse(generated.SecretStringTemplate))) keys.add(key);
    if (generated?.GenerateStringKey) keys.add(generated.GenerateStringKey);
    secrets.set(secret.properties.Name as string, keys);
    byId.set(`${secret.stack}/${secret.id}`, keys);
  }
  for (const [type, added] of Object.entries(KEYS_ADDED_BY)) {
    for (const resource of resourcesOfType(infra, type)) {
      const target = resource.properties.SecretId;
      const id = target?.Ref ?? target?.['Fn::GetAtt']?.[0];
      if (referenced(infra, resource.stack, target) === undefined) continue;
      for (const key of added) byId.get(`${resource.stack}/${id}`)?.add(key);
    }
  }
  return secrets;
}

/** Every (secret, property) an ExternalSecret reads, with where it reads it. */
function readsOf(externalSecret: Json): { secret: string; property: string | undefined; where: string }[] {
  const spec = externalSecret.spec ?? {};
  const direct = (spec.data ?? []).map((d: Json) => ({
    secret: d.remoteRef?.key,
    property: d.remoteRef?.property,
    where: `data ${d.secretKey}`,
  }));
  const extracted = (spec.dataFrom ?? []).flatMap((d: Json) => {
    if (!d.extract?.key) return [];
    // A template can only use the keys the extracted secret has.
    const template = JSON.stringify(spec.target?.template?.data ?? {});
    const used = [...template.matchAll(/\{\{-?\s*\.(\w+)/g)].map((m) => m[1]);
    const keys = used.length > 0 ? [...new Set(used)] : [undefined];
    return keys.map((property) => ({ secret: d.extract.key, property, where: 'dataFrom.extract' }));
  });
  return [...direct, ...extracted];
}

export function externalSecretSources(layers: Layers): string[] {
  if (layers.infra === undefined) return [];
  const secrets = infraSecrets(layers.infra);
  const problems: string[] = [];
  for (const manifest of layers.manifests.filter((m) => m.kind === 'ExternalSecret')) {
    for (const { secret, property, where } of readsOf(manifest.object)) {
      const keys = secrets.get(secret);
      if (keys === undefined) {
        problems.push(
          `${layers.environment}: ${describeManifest(manifest)} (${where}) reads Secrets Manager secret ${secret}, which infra does not create (it creates: ${[...secrets.keys()].join(', ')}).`,
        );
      } else if (property !== undefined && !keys.has(property)) {
        problems.push(
          `${layers.environment}: ${describeManifest(manifest)} (${where}) reads property ${property} of ${secret}, which holds only ${[...keys].join(', ')}.`,
        );
      }
    }
  }
  return problems;
}
