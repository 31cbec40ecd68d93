/**
 * Logs and traces on AWS ⇒ in a bucket infra creates, which the writer's role may reach. On a
 * node's disk they die with the node (and a single-binary Loki or Tempo cannot move to another
 * node with its volume in another AZ); in a bucket infra does not create, every flush fails.
 */
import { factsOf } from '../layers/chart-facts.js';
import { resourcesOfType } from '../layers/infra-templates.js';
import type { Layers } from '../layers/layers.js';
import { podIdentityAssociations } from './pod-identity.js';

const TELEMETRY_CHARTS = ['loki', 'tempo'];

export function telemetryStorage(layers: Layers): string[] {
  if (layers.infra === undefined) return [];
  const infra = layers.infra;
  const buckets = resourcesOfType(infra, 'AWS::S3::Bucket').map((b) => b.properties.BucketName as string);
  const associations = podIdentityAssociations(infra);
  const problems: string[] = [];
  for (const release of layers.releases.filter((r) => TELEMETRY_CHARTS.includes(r.chart))) {
    const facts = factsOf(release)!;
    const named = facts.buckets?.(release) ?? [];
    const writer = facts.awsCaller?.(release, layers.manifests);
    if (named.length === 0 || writer === undefined) {
      problems.push(
        `${layers.environment}: ${release.application} keeps its data on the node's disk, not in object storage: it is lost with the node.`,
      );
      continue;
    }
    const association = associations.find(
      (a) => a.namespace === release.namespace && a.serviceAccount === writer,
    );
    const granted = JSON.stringify(association?.role?.Properties?.Policies ?? []);
    for (const bucket of named) {
      if (!buckets.includes(bucket))
        problems.push(
          `${layers.environment}: ${release.application} writes to bucket ${bucket}, which infra does not create (it creates ${buckets.join(', ') || 'none'}).`,
        );
      else if (!granted.includes(`:s3:::${bucket}`))
        problems.push(
          `${layers.environment}: ${release.application}'s ServiceAccount ${release.namespace}/${writer} has no role allowed to use bucket ${bucket}.`,
        );
    }
  }
  return problems;
}
