import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOTH, resourcesOfType } from './support/environments.js';
import { SYNTH_TIMEOUT_MS, synthesizedAssembly, templateOf } from './support/synthesized-assembly.js';

// The first worker runs the real CLI synth (tens of seconds on 2 cores); the others wait for it.
beforeAll(() => synthesizedAssembly(), SYNTH_TIMEOUT_MS);

describe.each(BOTH)('network of $name', ({ name, config }) => {
  it('spreads public, private and isolated subnets over three AZs; public ones assign no public IPs', async () => {
    const t = await templateOf(config, 'network');
    const subnets = resourcesOfType(t, 'AWS::EC2::Subnet').map(([, r]) => r.Properties);
    expect(subnets).toHaveLength(9);
    expect(new Set(subnets.map((s) => s.AvailabilityZone)).size).toBe(3);
    expect(subnets.filter((s) => s.MapPublicIpOnLaunch === true)).toEqual([]);
  });

  it(`has ${name === 'production' ? 'one NAT gateway per AZ' : 'a single NAT gateway'}`, async () => {
    const t = await templateOf(config, 'network');
    t.resourceCountIs('AWS::EC2::NatGateway', name === 'production' ? 3 : 1);
    expect(config.network.natGateways).toBe(name === 'production' ? 3 : 1);
  });

  it('logs all traffic to an encrypted log group', async () => {
    const t = await templateOf(config, 'network');
    t.hasResourceProperties('AWS::EC2::FlowLog', {
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
    });
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: Match.anyValue(),
      RetentionInDays: Match.anyValue(),
    });
  });

  it('keeps ECR, S3, STS and Secrets Manager traffic off the NAT through endpoints', async () => {
    const t = await templateOf(config, 'network');
    const endpoints = resourcesOfType(t, 'AWS::EC2::VPCEndpoint').map(([, r]) => r.Properties);
    const services = endpoints.map((e) => JSON.stringify(e.ServiceName));
    for (const service of ['ecr.api', 'ecr.dkr', 'sts', 'secretsmanager', 's3']) {
      expect(
        services.some((s) => s.includes(`.${service}`)),
        service,
      ).toBe(true);
    }
    for (const endpoint of endpoints.filter((e) => e.VpcEndpointType === 'Interface')) {
      expect(endpoint.PrivateDnsEnabled).toBe(true);
      expect(endpoint.SubnetIds).toHaveLength(config.network.interfaceEndpointAzs);
    }
  });

  it('opens the endpoints on 443 to the VPC CIDR only', async () => {
    const t = await templateOf(config, 'network');
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: config.network.cidr, FromPort: 443, ToPort: 443 })],
    });
  });
});
