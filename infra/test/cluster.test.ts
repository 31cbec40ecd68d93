import {
  ARGOCD_CM_DATA,
  CLUSTER_METADATA,
  gitopsRootPath,
  NAMESPACES,
  OCI_HELM_REPOSITORIES,
  REPOSITORY,
  ROOT_APPLICATION,
  SERVICE_ACCOUNTS,
} from '@slipway/contract';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARGOCD_CHART } from '../src/constructs/gitops-bridge.js';
import { KUBERNETES_VERSION } from '../src/stacks/cluster-stack.js';
import { BOTH, type Json, resourcesOfType } from './support/environments.js';
import { SYNTH_TIMEOUT_MS, synthesizedAssembly, templateOf } from './support/synthesized-assembly.js';

/** The manifest a KubernetesResource applies, with CloudFormation tokens replaced by a marker. */
function manifests(t: Template): Record<string, Json>[] {
  return resourcesOfType(t, 'Custom::AWSCDK-EKS-KubernetesResource').flatMap(([, r]) => {
    const raw = r.Properties.Manifest;
    const text =
      typeof raw === 'string'
        ? raw
        : (raw['Fn::Join'][1] as unknown[])
            .map((part) => (typeof part === 'string' ? part : '<token>'))
            .join('');
    return JSON.parse(text);
  });
}

// The first worker runs the real CLI synth (tens of seconds on 2 cores); the others wait for it.
beforeAll(() => synthesizedAssembly(), SYNTH_TIMEOUT_MS);

describe.each(BOTH)('EKS cluster of $name', ({ name, config }) => {
  it('runs a current Kubernetes version with API-only authentication (access entries, no aws-auth)', async () => {
    const t = await templateOf(config, 'cluster');
    t.hasResourceProperties('AWS::EKS::Cluster', {
      Name: config.names.clusterName,
      Version: KUBERNETES_VERSION.version,
      AccessConfig: { AuthenticationMode: 'API', BootstrapClusterCreatorAdminPermissions: false },
    });
    expect(Number(KUBERNETES_VERSION.version.split('.')[1])).toBeGreaterThanOrEqual(34);
    const entries = resourcesOfType(t, 'AWS::EKS::AccessEntry').map(([, r]) => r.Properties);
    const admin = entries.find((e) => e.PrincipalArn === config.cluster.adminRoleArns[0]);
    expect(JSON.stringify(admin?.AccessPolicies)).toContain(
      'cluster-access-policy/AmazonEKSClusterAdminPolicy',
    );
  });

  it('has a private endpoint and a public one limited to the configured CIDRs', async () => {
    const t = await templateOf(config, 'cluster');
    const [[, cluster]] = resourcesOfType(t, 'AWS::EKS::Cluster') as [[string, Json]];
    const vpcConfig = cluster.Properties.ResourcesVpcConfig;
    expect(vpcConfig.EndpointPrivateAccess).toBe(true);
    expect(vpcConfig.PublicAccessCidrs).toEqual(config.cluster.publicApiCidrs);
    expect(vpcConfig.PublicAccessCidrs).not.toContain('0.0.0.0/0');
  });

  it('envelope-encrypts secrets with a rotating customer managed key and logs every control-plane type', async () => {
    const t = await templateOf(config, 'cluster');
    t.hasResourceProperties('AWS::EKS::Cluster', {
      EncryptionConfig: [{ Provider: { KeyArn: Match.anyValue() }, Resources: ['secrets'] }],
      Logging: {
        ClusterLogging: {
          EnabledTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'].map((type) => ({
            Type: type,
          })),
        },
      },
    });
    for (const [, key] of resourcesOfType(t, 'AWS::KMS::Key'))
      expect(key.Properties.EnableKeyRotation).toBe(true);
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: `/aws/eks/${config.names.clusterName}/cluster`,
      RetentionInDays: config.cluster.controlPlaneLogRetentionDays,
    });
  });

  it('runs a managed node group over the private subnets of all three AZs, IMDSv2 with one hop, encrypted disks', async () => {
    const t = await templateOf(config, 'cluster');
    const [[, group]] = resourcesOfType(t, 'AWS::EKS::Nodegroup') as [[string, Json]];
    expect(group.Properties.Subnets).toHaveLength(3);
    expect(group.Properties.ScalingConfig).toEqual({
      MinSize: config.cluster.nodes.minSize,
      DesiredSize: config.cluster.nodes.desiredSize,
      MaxSize: config.cluster.nodes.maxSize,
    });
    expect(group.Properties.ScalingConfig.MinSize).toBeGreaterThanOrEqual(name === 'production' ? 3 : 2);
    t.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
        BlockDeviceMappings: [Match.objectLike({ Ebs: Match.objectLike({ Encrypted: true }) })],
      }),
    });
  });

  it('binds each workload ServiceAccount to its own role through Pod Identity, with the agent installed', async () => {
    const t = await templateOf(config, 'cluster');
    t.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'eks-pod-identity-agent' });
    for (const addon of ['vpc-cni', 'kube-proxy', 'coredns']) {
      t.hasResourceProperties('AWS::EKS::Addon', { AddonName: addon, ResolveConflicts: 'OVERWRITE' });
    }
    const associations = resourcesOfType(t, 'AWS::EKS::PodIdentityAssociation').map(
      ([, r]) => `${r.Properties.Namespace}/${r.Properties.ServiceAccount}`,
    );
    expect(associations.sort()).toEqual(
      [
        `${NAMESPACES.loadBalancerController}/${SERVICE_ACCOUNTS.loadBalancerController}`,
        `${NAMESPACES.externalDns}/${SERVICE_ACCOUNTS.externalDns}`,
        `${NAMESPACES.externalSecrets}/${SERVICE_ACCOUNTS.externalSecrets}`,
        `${NAMESPACES.service}/${SERVICE_ACCOUNTS.service}`,
        `${NAMESPACES.service}/${SERVICE_ACCOUNTS.migrations}`,
        `${NAMESPACES.logging}/${SERVICE_ACCOUNTS.loki}`,
        `${NAMESPACES.monitoring}/${SERVICE_ACCOUNTS.tempo}`,
        `${NAMESPACES.karpenter}/${SERVICE_ACCOUNTS.karpenter}`,
      ].sort(),
    );
    for (const [, association] of resourcesOfType(t, 'AWS::EKS::PodIdentityAssociation')) {
      const roleId = association.Properties.RoleArn['Fn::GetAtt'][0];
      const role = t.toJSON().Resources[roleId];
      const statement = role.Properties.AssumeRolePolicyDocument.Statement[0];
      expect(statement.Principal).toEqual({ Service: 'pods.eks.amazonaws.com' });
      expect(statement.Condition.StringEquals).toMatchObject({
        'aws:RequestTag/kubernetes-namespace': association.Properties.Namespace,
        'aws:RequestTag/kubernetes-service-account': association.Properties.ServiceAccount,
        'aws:RequestTag/eks-cluster-name': expect.anything(),
      });
    }
  });

  it('installs a pinned Argo CD chart and a root Application on gitopsRootPath(env)', async () => {
    const t = await templateOf(config, 'cluster');
    expect(ARGOCD_CHART.version).toMatch(/^\d+\.\d+\.\d+$/);
    t.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', {
      Chart: ARGOCD_CHART.chart,
      Repository: ARGOCD_CHART.repository,
      Version: ARGOCD_CHART.version,
      Namespace: NAMESPACES.argocd,
    });
    const root = manifests(t).find((m) => m.kind === 'Application');
    expect(root?.metadata).toMatchObject({ name: ROOT_APPLICATION, namespace: NAMESPACES.argocd });
    expect(root?.spec.source).toEqual({
      repoURL: REPOSITORY.url,
      targetRevision: REPOSITORY.mainBranch,
      path: gitopsRootPath(name),
    });
  });

  it('gives Argo CD the Application health check the app-of-apps sync waves rely on', async () => {
    const t = await templateOf(config, 'cluster');
    const chart = Object.values(t.findResources('Custom::AWSCDK-EKS-HelmChart')).find(
      (r) => r.Properties.Chart === ARGOCD_CHART.chart,
    );
    const values = JSON.parse(chart?.Properties.Values);
    expect(values.configs.cm).toEqual(ARGOCD_CM_DATA);
  });

  it("declares the OCI Helm repositories deploy/'s Applications pull charts from", async () => {
    const t = await templateOf(config, 'cluster');
    const chart = Object.values(t.findResources('Custom::AWSCDK-EKS-HelmChart')).find(
      (r) => r.Properties.Chart === ARGOCD_CHART.chart,
    );
    const repositories = Object.values(JSON.parse(chart?.Properties.Values).configs.repositories);
    for (const url of Object.values(OCI_HELM_REPOSITORIES)) {
      expect(repositories).toContainEqual(expect.objectContaining({ url, type: 'helm', enableOCI: 'true' }));
    }
  });

  it('registers the cluster with Argo CD, carrying every CLUSTER_METADATA annotation', async () => {
    const t = await templateOf(config, 'cluster');
    const secret = manifests(t).find((m) => m.kind === 'Secret');
    expect(secret?.metadata.labels['argocd.argoproj.io/secret-type']).toBe('cluster');
    expect(Object.keys(secret?.metadata.annotations).sort()).toEqual(Object.values(CLUSTER_METADATA).sort());
    expect(secret?.metadata.annotations).toMatchObject({
      [CLUSTER_METADATA.environment]: name,
      [CLUSTER_METADATA.awsRegion]: config.names.region,
      [CLUSTER_METADATA.awsAccountId]: config.names.account,
      [CLUSTER_METADATA.clusterName]: config.names.clusterName,
      [CLUSTER_METADATA.route53ZoneId]: config.names.zoneId,
      [CLUSTER_METADATA.route53ZoneName]: config.names.zoneName,
      [CLUSTER_METADATA.serviceHostname]: config.names.hostname,
      [CLUSTER_METADATA.vpcId]: '<token>',
      [CLUSTER_METADATA.acmCertificateArn]: '<token>',
    });
  });
});
