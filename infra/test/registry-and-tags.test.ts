import { SERVICE_NAME } from '@slipway/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { STACK_PARTS, TAG_KEYS, tagsFor } from '../src/config/naming.js';
import { BOTH, type Json, resourcesOfType } from './support/environments.js';
import { SYNTH_TIMEOUT_MS, synthesizedAssembly, templateOf } from './support/synthesized-assembly.js';

/** Resource types that carry tags in CloudFormation but that CDK's tag aspect does not reach. */
const UNTAGGABLE = new Set(['Custom::AWSCDK-EKS-KubernetesResource', 'Custom::AWSCDK-EKS-HelmChart']);

function tagsOf(properties: Record<string, Json>): Record<string, string> | undefined {
  const tags = properties.Tags ?? properties.tags;
  if (tags === undefined) return undefined;
  if (Array.isArray(tags))
    return Object.fromEntries(tags.map((t: Json) => [t.Key ?? t.key, t.Value ?? t.value]));
  return tags;
}

// The first worker runs the real CLI synth (tens of seconds on 2 cores); the others wait for it.
beforeAll(() => synthesizedAssembly(), SYNTH_TIMEOUT_MS);

describe.each(BOTH)('registry and tags of $name', ({ config }) => {
  it('has an immutable, scanned ECR repository with a lifecycle policy', async () => {
    const t = await templateOf(config, 'registry');
    t.hasResourceProperties('AWS::ECR::Repository', {
      RepositoryName: config.names.ecrRepository,
      ImageTagMutability: 'IMMUTABLE',
      ImageScanningConfiguration: { ScanOnPush: true },
      EncryptionConfiguration: { EncryptionType: 'KMS' },
    });
    const [[, repo]] = resourcesOfType(t, 'AWS::ECR::Repository') as [[string, Json]];
    const rules = JSON.parse(repo.Properties.LifecyclePolicy.LifecyclePolicyText).rules;
    expect(rules.map((r: Json) => r.selection.tagStatus)).toEqual(['untagged', 'any']);
  });

  it('tags every taggable resource with service, environment, owner and cost centre', async () => {
    const expected = tagsFor(config);
    expect(Object.keys(expected).sort()).toEqual(Object.values(TAG_KEYS).sort());
    expect(expected[TAG_KEYS.service]).toBe(SERVICE_NAME);
    let checked = 0;
    const missing: string[] = [];
    for (const part of STACK_PARTS) {
      const resources = (await templateOf(config, part)).toJSON().Resources as Record<string, Json>;
      for (const [id, resource] of Object.entries(resources)) {
        const tags = tagsOf(resource.Properties ?? {});
        if (tags === undefined || UNTAGGABLE.has(resource.Type)) continue;
        checked++;
        for (const [key, value] of Object.entries(expected)) {
          if (tags[key] !== value) missing.push(`${part}/${id} (${resource.Type}): ${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('tags the core resources of every stack (a resource without Tags would escape the check above)', async () => {
    for (const [part, type] of [
      ['network', 'AWS::EC2::VPC'],
      ['cluster', 'AWS::EKS::Cluster'],
      ['cluster', 'AWS::EKS::Nodegroup'],
      ['data', 'AWS::RDS::DBInstance'],
      ['data', 'AWS::SecretsManager::Secret'],
      ['registry', 'AWS::ECR::Repository'],
      ['certificate', 'AWS::CertificateManager::Certificate'],
    ] as const) {
      for (const [, resource] of resourcesOfType(await templateOf(config, part), type)) {
        expect(tagsOf(resource.Properties)?.[TAG_KEYS.costCentre], `${part} ${type}`).toBe(config.costCentre);
      }
    }
  });
});
