import {
  ARGOCD_CM_DATA,
  type AwsEnvironmentNames,
  CLUSTER_METADATA,
  gitopsRootPath,
  NAMESPACES,
  OCI_HELM_REPOSITORIES,
  REPOSITORY,
  ROOT_APPLICATION,
} from '@slipway/contract';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct, type IDependable } from 'constructs';

/** Pinned Argo CD Helm chart (argo-helm `argo-cd`); bump deliberately, the bot proposes it. */
export const ARGOCD_CHART = {
  repository: 'https://argoproj.github.io/argo-helm',
  chart: 'argo-cd',
  version: '10.9.0',
} as const;

/** The label ArgoCD uses to recognise a Secret as a cluster registration. */
const CLUSTER_SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';
const IN_CLUSTER = { name: 'in-cluster', server: 'https://kubernetes.default.svc' } as const;

export interface GitopsBridgeProps {
  cluster: eks.Cluster;
  names: AwsEnvironmentNames;
  /** Values only known at deploy time (VPC id, certificate ARN), resolved by CloudFormation. */
  vpcId: string;
  certificateArn: string;
  highAvailability: boolean;
  /** Argo CD's pods need nodes: install only after these exist. */
  nodes: IDependable;
}

/**
 * The GitOps bridge: infra installs Argo CD, registers the cluster with the account-specific
 * facts the add-ons need as annotations (keys from @slipway/contract's CLUSTER_METADATA), and
 * creates the root Application that syncs `deploy/manifests/<env>/root`. From there on Argo CD
 * owns everything inside the cluster.
 */
export class GitopsBridge extends Construct {
  readonly clusterSecret: Record<string, unknown>;
  readonly rootApplication: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: GitopsBridgeProps) {
    super(scope, id);
    const { cluster, names } = props;
    const replicas = props.highAvailability ? 2 : 1;

    const argocd = cluster.addHelmChart('ArgoCd', {
      ...ARGOCD_CHART,
      release: 'argo-cd',
      namespace: NAMESPACES.argocd,
      createNamespace: true,
      wait: true,
      values: {
        // No SSO is configured yet: operators use `kubectl port-forward` with cluster access.
        dex: { enabled: false },
        server: { replicas },
        repoServer: { replicas },
        applicationSet: { replicas },
        configs: {
          params: { 'server.insecure': false },
          cm: { ...ARGOCD_CM_DATA },
          // Charts from OCI registries (Karpenter's) need a Helm repository entry with OCI on.
          repositories: Object.fromEntries(
            Object.entries(OCI_HELM_REPOSITORIES).map(([name, url]) => [
              name,
              { name, url, type: 'helm', enableOCI: 'true' },
            ]),
          ),
        },
      },
    });

    argocd.node.addDependency(props.nodes);

    const annotations: Record<string, string> = {
      [CLUSTER_METADATA.environment]: names.name,
      [CLUSTER_METADATA.awsRegion]: names.region,
      [CLUSTER_METADATA.awsAccountId]: names.account,
      [CLUSTER_METADATA.clusterName]: names.clusterName,
      [CLUSTER_METADATA.vpcId]: props.vpcId,
      [CLUSTER_METADATA.route53ZoneId]: names.zoneId,
      [CLUSTER_METADATA.route53ZoneName]: names.zoneName,
      [CLUSTER_METADATA.acmCertificateArn]: props.certificateArn,
      [CLUSTER_METADATA.serviceHostname]: names.hostname,
    };
    this.clusterSecret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: IN_CLUSTER.name,
        namespace: NAMESPACES.argocd,
        labels: { [CLUSTER_SECRET_TYPE_LABEL]: 'cluster', [CLUSTER_METADATA.environment]: names.name },
        annotations,
      },
      type: 'Opaque',
      stringData: {
        name: IN_CLUSTER.name,
        server: IN_CLUSTER.server,
        config: JSON.stringify({ tlsClientConfig: { insecure: false } }),
      },
    };
    this.rootApplication = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: ROOT_APPLICATION,
        namespace: NAMESPACES.argocd,
        // Deleting the root Application deletes what it created (see README, teardown).
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        project: 'default',
        source: {
          repoURL: REPOSITORY.url,
          targetRevision: REPOSITORY.mainBranch,
          path: gitopsRootPath(names.name),
        },
        destination: { server: IN_CLUSTER.server, namespace: NAMESPACES.argocd },
        syncPolicy: { automated: { prune: true, selfHeal: true }, retry: { limit: 10 } },
      },
    };
    const registration = cluster.addManifest('ClusterRegistration', this.clusterSecret);
    registration.node.addDependency(argocd);
    const root = cluster.addManifest('RootApplication', this.rootApplication);
    root.node.addDependency(registration);
  }
}
