/** Every document of an environment's rendered manifests, as ArgoCD reads them from git. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFESTS_ROOT } from '@slipway/contract';
import { parseAllDocuments } from 'yaml';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: manifests are untyped YAML; each check reads the fields it needs.
export type Json = any;

export interface Manifest {
  /** Path relative to the repository root, for messages. */
  file: string;
  kind: string;
  name: string;
  namespace: string | undefined;
  object: Json;
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return yamlFilesUnder(path);
      return entry.endsWith('.yaml') || entry.endsWith('.yml') ? [path] : [];
    });
}

export function renderedManifests(environment: string): Manifest[] {
  const root = join(REPOSITORY_ROOT, MANIFESTS_ROOT, environment);
  return yamlFilesUnder(root).flatMap((path) =>
    parseAllDocuments(readFileSync(path, 'utf8'))
      .map((document) => document.toJS() as Json)
      .filter((object) => object?.kind)
      .map((object) => ({
        file: relative(REPOSITORY_ROOT, path),
        kind: object.kind as string,
        name: object.metadata?.name as string,
        namespace: object.metadata?.namespace as string | undefined,
        object,
      })),
  );
}

/** `kind namespace/name`, for messages. */
export function describeManifest(manifest: Manifest): string {
  return `${manifest.kind} ${manifest.namespace ? `${manifest.namespace}/` : ''}${manifest.name}`;
}
