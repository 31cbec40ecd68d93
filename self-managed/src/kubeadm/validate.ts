/**
 * Checks a kubeadm or kubelet configuration document the way kubeadm would read it: against the
 * schema of its kind (every field known, every value in range; see v1beta4-schema.ts), then the
 * rules kubeadm enforces across fields. No kubeadm binary runs here; this is the check.
 */
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { KUBELET_API_VERSION, KubeletConfiguration } from './kubelet-schema.js';
import {
  ClusterConfiguration,
  InitConfiguration,
  JoinConfiguration,
  KUBEADM_API_VERSION,
} from './v1beta4-schema.js';

const SCHEMAS: Record<string, { apiVersion: string; schema: TSchema }> = {
  InitConfiguration: { apiVersion: KUBEADM_API_VERSION, schema: InitConfiguration },
  ClusterConfiguration: { apiVersion: KUBEADM_API_VERSION, schema: ClusterConfiguration },
  JoinConfiguration: { apiVersion: KUBEADM_API_VERSION, schema: JoinConfiguration },
  KubeletConfiguration: { apiVersion: KUBELET_API_VERSION, schema: KubeletConfiguration },
};

export const KNOWN_KINDS = Object.keys(SCHEMAS);

function schemaProblems(schema: TSchema, document: unknown): string[] {
  return Value.Errors(schema, document)
    .filter((e) => e.keyword !== 'boolean') // "schema is false" repeats each additionalProperties error
    .map((e) => {
      const where = e.instancePath || '/';
      if (e.keyword === 'additionalProperties') {
        const extra = (e.params as { additionalProperties?: string[] }).additionalProperties ?? [];
        return `${where}: unknown field${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`;
      }
      return `${where}: ${e.message}`;
    });
}

type Loose = Record<string, unknown> & {
  etcd?: { local?: unknown; external?: unknown };
  discovery?: {
    bootstrapToken?: { caCertHashes?: string[]; unsafeSkipCAVerification?: boolean };
    file?: unknown;
  };
};

/** Rules kubeadm's validation applies across fields, which a JSON schema does not express. */
function crossFieldProblems(kind: string, document: Loose): string[] {
  const problems: string[] = [];
  if (kind === 'ClusterConfiguration' && document.etcd?.local && document.etcd?.external)
    problems.push('/etcd: local and external are mutually exclusive');
  if (kind === 'JoinConfiguration' && document.discovery) {
    const { bootstrapToken, file } = document.discovery;
    if (Boolean(bootstrapToken) === Boolean(file))
      problems.push('/discovery: set exactly one of bootstrapToken and file');
    if (bootstrapToken && !bootstrapToken.caCertHashes?.length && !bootstrapToken.unsafeSkipCAVerification)
      problems.push(
        '/discovery/bootstrapToken: caCertHashes is empty; pin the cluster CA (or, unsafely, set unsafeSkipCAVerification)',
      );
  }
  return problems;
}

/** Every problem with one document, each prefixed with its kind and field path; empty when valid. */
export function configurationProblems(document: unknown): string[] {
  const { kind, apiVersion } = (document ?? {}) as { kind?: unknown; apiVersion?: unknown };
  if (typeof kind !== 'string' || !SCHEMAS[kind])
    return [`kind ${JSON.stringify(kind)} is not one of ${KNOWN_KINDS.join(', ')}`];
  const known = SCHEMAS[kind]!;
  if (apiVersion !== known.apiVersion)
    return [`${kind}: apiVersion ${JSON.stringify(apiVersion)}, expected ${known.apiVersion}`];
  return [...schemaProblems(known.schema, document), ...crossFieldProblems(kind, document as Loose)].map(
    (p) => `${kind} ${p}`,
  );
}
