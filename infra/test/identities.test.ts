import { REPOSITORY } from '@slipway/contract';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { STACK_PARTS } from '../src/config/naming.js';
import { GITHUB_SUBJECTS } from '../src/stacks/pipeline-access-stack.js';
import { BOTH, resourcesOfType } from './support/environments.js';
import { SYNTH_TIMEOUT_MS, synthesizedAssembly, templateOf } from './support/synthesized-assembly.js';

/** Services that hold data: a wildcard action on them would reach the data itself. */
const DATA_SERVICES = ['secretsmanager', 'rds', 'rds-db', 'kms', 's3', 'ecr', 'dynamodb', 'ssm'];

interface Statement {
  Effect: string;
  Action?: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: unknown;
}

function identityStatements(t: Template): Statement[] {
  const policies = resourcesOfType(t, 'AWS::IAM::Policy').map(([, p]) => p.Properties.PolicyDocument);
  const inline = resourcesOfType(t, 'AWS::IAM::Role').flatMap(([, r]) =>
    (r.Properties.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument),
  );
  return [...policies, ...inline].flatMap((doc: { Statement: Statement[] }) => doc.Statement);
}

// The first worker runs the real CLI synth (tens of seconds on 2 cores); the others wait for it.
beforeAll(() => synthesizedAssembly(), SYNTH_TIMEOUT_MS);

describe.each(BOTH)('IAM of $name', ({ name, config }) => {
  it('grants no wildcard action on a data service, in any stack', async () => {
    const offending: string[] = [];
    for (const part of STACK_PARTS) {
      for (const statement of identityStatements(await templateOf(config, part))) {
        if (statement.Effect !== 'Allow') continue;
        for (const action of [statement.Action ?? []].flat()) {
          const [service, verb = ''] = action.split(':');
          if (action === '*' || (DATA_SERVICES.includes(service!) && verb.includes('*')))
            offending.push(`${part}: ${action}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it("limits External Secrets to reading this environment's secret prefix", async () => {
    const t = await templateOf(config, 'cluster');
    const reads = identityStatements(t).filter((s) =>
      [s.Action].flat().includes('secretsmanager:GetSecretValue'),
    );
    expect(reads).toHaveLength(1);
    expect(JSON.stringify(reads[0]!.Resource)).toContain(`:secret:${config.names.secretPrefix}*`);
  });

  it("scopes ExternalDNS record changes to this environment's hosted zone", async () => {
    const t = await templateOf(config, 'cluster');
    const changes = identityStatements(t).filter((s) =>
      [s.Action].flat().includes('route53:ChangeResourceRecordSets'),
    );
    expect(changes).toHaveLength(1);
    expect(JSON.stringify(changes[0]!.Resource)).toContain(`hostedzone/${config.names.zoneId}`);
  });

  describe('GitHub OIDC roles', () => {
    async function trustOf(roleName: string) {
      const t = await templateOf(config, 'pipeline-access');
      const role = resourcesOfType(t, 'AWS::IAM::Role').find(([, r]) => r.Properties.RoleName === roleName);
      expect(role, roleName).toBeDefined();
      const statements = role![1].Properties.AssumeRolePolicyDocument.Statement as Statement[];
      expect(statements).toHaveLength(1);
      return statements[0]!;
    }

    const issuer = 'token.actions.githubusercontent.com';
    const cases = [
      { role: 'image-publisher', subjects: [GITHUB_SUBJECTS.mainBranch, GITHUB_SUBJECTS.versionTags] },
      { role: 'infra-deployer', subjects: [GITHUB_SUBJECTS.environment(name)] },
      { role: 'infra-differ', subjects: [GITHUB_SUBJECTS.pullRequests] },
    ];
    it.each(cases)(
      '$role trusts only this repository, with the audience and subjects it needs',
      async ({ role, subjects }) => {
        const trust = await trustOf(`${config.names.clusterName}-${role}`);
        expect(trust.Action).toBe('sts:AssumeRoleWithWebIdentity');
        expect(trust.Condition?.StringEquals).toEqual({ [`${issuer}:aud`]: 'sts.amazonaws.com' });
        const granted = [trust.Condition?.StringLike?.[`${issuer}:sub`]].flat() as string[];
        expect(granted).toEqual(subjects);
        for (const subject of granted) {
          expect(subject.startsWith(`repo:${REPOSITORY.owner}/${REPOSITORY.name}:`)).toBe(true);
          expect(subject).not.toMatch(/:\*$/);
        }
      },
    );

    it('lets the deployer only assume the CDK bootstrap roles, and the differ only the lookup role', async () => {
      const t = await templateOf(config, 'pipeline-access');
      const statements = identityStatements(t);
      const deploy = statements.find((s) => JSON.stringify(s.Resource).includes('cdk-hnb659fds-deploy-role'));
      expect(deploy?.Action).toEqual(['sts:AssumeRole', 'sts:TagSession']);
      const lookupOnly = statements.filter(
        (s) =>
          JSON.stringify(s.Resource).includes('lookup-role') &&
          !JSON.stringify(s.Resource).includes('deploy-role'),
      );
      expect(lookupOnly).toHaveLength(1);
    });
  });
});
