import { type App, Tags } from 'aws-cdk-lib';
import type { EnvironmentConfig } from './config/environment-config.js';
import { stackName, tagsFor } from './config/naming.js';
import { CertificateStack } from './stacks/certificate-stack.js';
import { ClusterStack } from './stacks/cluster-stack.js';
import { DataStack } from './stacks/data-stack.js';
import { NetworkStack } from './stacks/network-stack.js';
import { PipelineAccessStack } from './stacks/pipeline-access-stack.js';
import { RegistryStack } from './stacks/registry-stack.js';

export interface EnvironmentStacks {
  network: NetworkStack;
  registry: RegistryStack;
  pipelineAccess: PipelineAccessStack;
  certificate: CertificateStack;
  cluster: ClusterStack;
  data: DataStack;
}

/** The stacks of one environment, wired in deploy order, all tagged for cost allocation. */
export function addEnvironmentStacks(app: App, config: EnvironmentConfig): EnvironmentStacks {
  const env = { account: config.names.account, region: config.names.region };
  const common = { env, terminationProtection: config.names.name === 'production' };
  const network = new NetworkStack(app, stackName(config, 'network'), { ...common, config });
  const registry = new RegistryStack(app, stackName(config, 'registry'), { ...common, config });
  const pipelineAccess = new PipelineAccessStack(app, stackName(config, 'pipeline-access'), {
    ...common,
    config,
    repository: registry.repository,
  });
  const certificate = new CertificateStack(app, stackName(config, 'certificate'), { ...common, config });
  const cluster = new ClusterStack(app, stackName(config, 'cluster'), {
    ...common,
    config,
    vpc: network.vpc,
    certificateArn: certificate.certificate.certificateArn,
  });
  const data = new DataStack(app, stackName(config, 'data'), {
    ...common,
    config,
    vpc: network.vpc,
    nodeSecurityGroup: cluster.cluster.clusterSecurityGroup,
    secretsReaderRoleArn: cluster.identities.externalSecrets.role.roleArn,
    telemetryWriterRoleArns: {
      logs: cluster.identities.loki.role.roleArn,
      traces: cluster.identities.tempo.role.roleArn,
    },
  });
  const stacks: EnvironmentStacks = { network, registry, pipelineAccess, certificate, cluster, data };
  for (const stack of Object.values(stacks)) {
    for (const [key, value] of Object.entries(tagsFor(config))) Tags.of(stack).add(key, value);
  }
  return stacks;
}
