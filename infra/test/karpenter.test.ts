import { KARPENTER_DISCOVERY_TAG, NAMESPACES, SERVICE_ACCOUNTS } from '@slipway/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOTH, type Json, resourcesOfType } from './support/environments.js';
import { SYNTH_TIMEOUT_MS, synthesizedAssembly, templateOf } from './support/synthesized-assembly.js';

// The first worker runs the real CLI synth (tens of seconds on 2 cores); the others wait for it.
beforeAll(() => synthesizedAssembly(), SYNTH_TIMEOUT_MS);

describe.each(BOTH)('node autoscaling (Karpenter) of $name', ({ config }) => {
  const { karpenter, clusterName } = config.names;

  it('has a node role that may join the cluster as EC2 Linux nodes, with the worker node policies only', async () => {
    const t = await templateOf(config, 'cluster');
    const [[roleId, role]] = resourcesOfType(t, 'AWS::IAM::Role').filter(
      ([, r]) => r.Properties.RoleName === karpenter.nodeRole,
    ) as [[string, Json]];
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({
      Service: 'ec2.amazonaws.com',
    });
    expect(
      role.Properties.ManagedPolicyArns.map(
        (arn: Json) => JSON.stringify(arn).match(/policy\/(\w+)/)?.[1],
      ).sort(),
    ).toEqual(['AmazonEC2ContainerRegistryPullOnly', 'AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy']);
    expect(role.Properties.Policies).toBeUndefined();
    t.hasResourceProperties('AWS::EKS::AccessEntry', {
      PrincipalArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
      Type: 'EC2_LINUX',
    });
  });

  it('receives interruption events in an encrypted, TLS-only queue', async () => {
    const t = await templateOf(config, 'cluster');
    t.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: karpenter.interruptionQueue,
      SqsManagedSseEnabled: true,
    });
    const policies = JSON.stringify(resourcesOfType(t, 'AWS::SQS::QueuePolicy').map(([, p]) => p.Properties));
    expect(policies).toContain('"aws:SecureTransport":"false"');
    const detailTypes = resourcesOfType(t, 'AWS::Events::Rule').flatMap(
      ([, r]) => r.Properties.EventPattern['detail-type'],
    );
    expect(detailTypes.sort()).toEqual(
      [
        'AWS Health Event',
        'EC2 Instance Rebalance Recommendation',
        'EC2 Instance State-change Notification',
        'EC2 Spot Instance Interruption Warning',
      ].sort(),
    );
  });

  it("binds the controller's ServiceAccount to a role that launches and terminates only this cluster's nodes", async () => {
    const t = await templateOf(config, 'cluster');
    const [[, association]] = resourcesOfType(t, 'AWS::EKS::PodIdentityAssociation').filter(
      ([, a]) => a.Properties.ServiceAccount === SERVICE_ACCOUNTS.karpenter,
    ) as [[string, Json]];
    expect(association.Properties.Namespace).toBe(NAMESPACES.karpenter);
    const role = t.toJSON().Resources[association.Properties.RoleArn['Fn::GetAtt'][0]];
    const statements: Json[] = role.Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);
    const allowing = (action: string) => statements.filter((s) => [s.Action].flat().includes(action));
    for (const action of ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate', 'ec2:CreateLaunchTemplate']) {
      for (const statement of allowing(action)) {
        expect(JSON.stringify(statement.Condition), action).toContain(`kubernetes.io/cluster/${clusterName}`);
      }
      expect(allowing(action).length, action).toBeGreaterThan(0);
    }
    const [passRole] = allowing('iam:PassRole');
    expect(passRole.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^KarpenterNodeRole/), 'Arn'] });
    expect(passRole.Condition.StringEquals['iam:PassedToService']).toContain('ec2.amazonaws.com');
    expect(statements.filter((s) => s.Action === '*' || s.Effect !== 'Allow')).toEqual([]);
  });

  it('lets Karpenter find the private subnets by the discovery tag', async () => {
    const t = await templateOf(config, 'network');
    const tagged = resourcesOfType(t, 'AWS::EC2::Subnet').filter(([, s]) =>
      (s.Properties.Tags as Json[]).some(
        (tag) => tag.Key === KARPENTER_DISCOVERY_TAG && tag.Value === clusterName,
      ),
    );
    expect(tagged.map(([id]) => id).sort()).toEqual(
      resourcesOfType(t, 'AWS::EC2::Subnet')
        .map(([id]) => id)
        .filter((id) => id.includes('private'))
        .sort(),
    );
    expect(tagged).toHaveLength(3);
  });
});
