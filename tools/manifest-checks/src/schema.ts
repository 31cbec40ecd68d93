/**
 * Schema checks: every rendered object against the Kubernetes and CRD schemas shipped by
 * kubernetes-models (the same OpenAPI/CRD schemas the API server uses), plus an unknown-field check
 * those validators lack (they accept `runAsNonroot: true` silently; the API server would drop it).
 */
import { recordFieldReads, unknownFields } from './unknown-fields.js';

/** API group → package holding its models. Core and built-in groups come from kubernetes-models. */
const CRD_PACKAGES: Record<string, string> = {
  'argoproj.io': '@kubernetes-models/argo-cd',
  'external-secrets.io': '@kubernetes-models/external-secrets',
  'karpenter.k8s.aws': '@kubernetes-models/karpenter',
  'karpenter.sh': '@kubernetes-models/karpenter',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
  'postgresql.cnpg.io': '@kubernetes-models/cloudnative-pg',
};

interface ModelClass {
  new (data: unknown): { validate(): void };
  prototype: { validate(this: unknown): void };
}

const cache = new Map<string, ModelClass>();

/**
 * Fields the CRD defines but whose compiled validator never reads them (they carry no constraint,
 * so there is nothing to check and the proxy never sees a read). Each entry was checked against the
 * model's type declarations.
 */
const UNCONSTRAINED_FIELDS: Record<string, readonly string[]> = {
  AppProject: ['/spec/description'],
};

async function modelFor(apiVersion: string, kind: string): Promise<ModelClass> {
  const key = `${apiVersion}/${kind}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const pkg = CRD_PACKAGES[group!] ?? 'kubernetes-models';
  const specifier = group === '' ? `${pkg}/${version}/${kind}` : `${pkg}/${group}/${version}/${kind}`;
  let module: Record<string, ModelClass>;
  try {
    module = (await import(specifier)) as Record<string, ModelClass>;
  } catch {
    throw new Error(
      `no schema for ${apiVersion} ${kind} (looked for ${specifier}): add a pinned @kubernetes-models package for its group`,
    );
  }
  const model = module[kind];
  if (!model) throw new Error(`${specifier} does not export ${kind}`);
  cache.set(key, model);
  return model;
}

export interface SchemaProblem {
  object: string;
  problem: string;
}

export async function schemaProblems(object: {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}): Promise<SchemaProblem[]> {
  const id = `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
  let model: ModelClass;
  try {
    model = await modelFor(object.apiVersion, object.kind);
  } catch (error) {
    return [{ object: id, problem: (error as Error).message }];
  }
  const problems: SchemaProblem[] = [];
  const { proxy, reads } = recordFieldReads(structuredClone(object));
  try {
    // The validator reads every field its schema knows, so the proxy learns the known fields.
    model.prototype.validate.call(proxy);
  } catch (error) {
    problems.push({ object: id, problem: (error as Error).message });
  }
  const unconstrained = UNCONSTRAINED_FIELDS[object.kind] ?? [];
  for (const path of unknownFields(reads).filter((p) => !unconstrained.includes(p))) {
    problems.push({ object: id, problem: `unknown field ${path} (not in the ${object.kind} schema)` });
  }
  return problems;
}
