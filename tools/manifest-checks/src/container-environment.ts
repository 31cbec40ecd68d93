/**
 * What a container of a rendered workload would see at run time: its environment variables (from
 * the ConfigMaps it references and its own `env`) and the secret files its projected volumes hold.
 * Secret values come from the rendered Secret (local) or, for an ExternalSecret whose values live
 * in AWS Secrets Manager, from `externalValue` (test values in checks and the container run).
 */
import type { RenderedObject } from '@slipway/deploy';
import type { ContainerSpec, PodSpec } from './workloads.js';

export interface SecretFile {
  /** Absolute path inside the container. */
  path: string;
  secret: string;
  key: string;
  value: string;
}

export interface ContainerEnvironment {
  variables: Record<string, string>;
  secretFiles: SecretFile[];
  /** Problems resolving references (missing ConfigMap, Secret or key). */
  problems: string[];
}

type ExternalValue = (secret: string, key: string) => string;

/** Keys a rendered Secret or an ExternalSecret's target Secret will hold. */
export function secretKeys(
  objects: RenderedObject[],
  namespace: string,
  name: string,
): Map<string, string | undefined> | undefined {
  for (const { object } of objects) {
    if (object.metadata.namespace !== namespace) continue;
    if (object.kind === 'Secret' && object.metadata.name === name) {
      const { stringData = {}, data = {} } = object as {
        stringData?: Record<string, string>;
        data?: Record<string, string>;
      };
      return new Map([
        ...Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')] as const),
        ...Object.entries(stringData),
      ]);
    }
    if (object.kind === 'ExternalSecret') {
      const spec = (
        object as unknown as {
          spec: {
            target?: { name?: string; template?: { data?: Record<string, string> } };
            data?: { secretKey: string }[];
          };
        }
      ).spec;
      if ((spec.target?.name ?? object.metadata.name) !== name) continue;
      const keys = spec.target?.template?.data
        ? Object.keys(spec.target.template.data)
        : (spec.data ?? []).map((d) => d.secretKey);
      return new Map(keys.map((k) => [k, undefined]));
    }
  }
  return undefined;
}

export function containerEnvironment(
  objects: RenderedObject[],
  namespace: string,
  pod: PodSpec,
  container: ContainerSpec,
  externalValue: ExternalValue,
): ContainerEnvironment {
  const problems: string[] = [];
  const variables: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name;
    if (!name) {
      problems.push('envFrom other than configMapRef is not used here');
      continue;
    }
    const map = objects.find(
      (o) =>
        o.object.kind === 'ConfigMap' &&
        o.object.metadata.name === name &&
        o.object.metadata.namespace === namespace,
    );
    if (!map) problems.push(`envFrom: ConfigMap ${name} is not rendered in ${namespace}`);
    Object.assign(variables, (map?.object as { data?: Record<string, string> } | undefined)?.data ?? {});
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) variables[e.name] = e.value;
    else problems.push(`env ${e.name}: only literal values and mounted files are used here`);
  }
  const secretFiles: SecretFile[] = [];
  for (const mount of container.volumeMounts ?? []) {
    const volume = (pod.volumes ?? []).find((v) => v.name === mount.name) as
      | {
          projected?: { sources: { secret?: { name: string; items?: { key: string; path: string }[] } }[] };
          secret?: { secretName: string };
        }
      | undefined;
    if (!volume) {
      problems.push(`volumeMount ${mount.name}: no such volume`);
      continue;
    }
    const sources = volume.projected?.sources.map((s) => s.secret).filter((s) => s !== undefined) ?? [];
    for (const source of sources) {
      const keys = secretKeys(objects, namespace, source.name);
      if (!keys) {
        problems.push(
          `volume ${mount.name}: Secret ${source.name} is neither rendered nor produced by an ExternalSecret`,
        );
        continue;
      }
      for (const item of source.items ?? [...keys.keys()].map((key) => ({ key, path: key }))) {
        if (!keys.has(item.key)) {
          problems.push(`volume ${mount.name}: Secret ${source.name} has no key ${item.key}`);
          continue;
        }
        secretFiles.push({
          path: `${mount.mountPath}/${item.path}`,
          secret: source.name,
          key: item.key,
          value: keys.get(item.key) ?? externalValue(source.name, item.key),
        });
      }
    }
  }
  return { variables, secretFiles, problems };
}
