/**
 * The service's ConfigMap, generated from its exported config schema: every non-secret setting
 * with the environment's value or the schema default, each checked against the schema.
 */
import { createHash } from 'node:crypto';
import {
  type ConfigName,
  configSchema,
  describeSettings,
  NAMESPACES,
  OBJECT_NAMES,
  SECRET_FILE_SUFFIX,
} from '@slipway/contract';
import type { Construct } from 'constructs';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Value } from 'typebox/value';
import type { Environment } from '../environments/index.js';
import { addObject } from '../objects/kube-object.js';
import { SERVICE_LABELS } from '../objects/names.js';

/** Settings the image build sets (ENV in the Dockerfile); a ConfigMap value would hide them. */
export const IMAGE_PROVIDED_SETTINGS: readonly ConfigName[] = ['GIT_COMMIT', 'BUILD_TIME', 'SQLITE_PATH'];

export function configData(env: Environment): Record<string, string> {
  const data: Record<string, string> = {};
  const overrides = env.settings as Partial<Record<ConfigName, string | number | boolean>>;
  for (const setting of describeSettings()) {
    if (setting.secret && overrides[setting.name] !== undefined) {
      throw new Error(
        `environment ${env.name}: ${setting.name} is a secret setting; it reaches the pods from a Secret as a file (${setting.name}${SECRET_FILE_SUFFIX}), never from the ConfigMap: remove it from the environment's settings`,
      );
    }
    if (setting.secret || IMAGE_PROVIDED_SETTINGS.includes(setting.name)) continue;
    const value = overrides[setting.name] ?? setting.default;
    const schema = configSchema.properties[setting.name];
    if (!Value.Check(schema, value)) {
      throw new Error(
        `environment ${env.name}: ${setting.name}=${JSON.stringify(value)} does not match the service's config schema (${setting.description})`,
      );
    }
    data[setting.name] = String(value);
  }
  return data;
}

export function configChecksum(data: Record<string, string>): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

export function serviceConfigMap(scope: Construct, env: Environment): void {
  addObject(
    scope,
    new ConfigMap({
      metadata: { name: OBJECT_NAMES.config, namespace: NAMESPACES.service, labels: { ...SERVICE_LABELS } },
      data: configData(env),
    }),
  );
}
