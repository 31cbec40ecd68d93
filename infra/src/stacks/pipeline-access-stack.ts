import { REPOSITORY } from '@slipway/contract';
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledge } from '../compliance/acknowledge.js';
import type { EnvironmentConfig } from '../config/environment-config.js';

const GITHUB_OIDC = {
  issuer: 'token.actions.githubusercontent.com',
  audience: 'sts.amazonaws.com',
} as const;

/** CDK's default bootstrap qualifier: the roles `cdk bootstrap` creates are named after it. */
const CDK_QUALIFIER = 'hnb659fds';

/** The `sub` claims GitHub Actions presents for this repository. */
export const GITHUB_SUBJECTS = {
  mainBranch: `repo:${REPOSITORY.owner}/${REPOSITORY.name}:ref:refs/heads/${REPOSITORY.mainBranch}`,
  versionTags: `repo:${REPOSITORY.owner}/${REPOSITORY.name}:ref:refs/tags/v*`,
  pullRequests: `repo:${REPOSITORY.owner}/${REPOSITORY.name}:pull_request`,
  environment: (name: string) => `repo:${REPOSITORY.owner}/${REPOSITORY.name}:environment:${name}`,
} as const;

export interface PipelineAccessStackProps extends StackProps {
  config: EnvironmentConfig;
  repository: ecr.IRepository;
}

/**
 * What the hosted pipelines may do in this account, through GitHub's OIDC tokens (no stored keys):
 * - `<service>-<env>-image-publisher`: push to this environment's ECR repository, from the main
 *   branch or a version tag only;
 * - `<service>-<env>-infra-deployer`: assume the CDK bootstrap roles to deploy these stacks, only
 *   from a job bound to the GitHub environment of the same name (production's has reviewers);
 * - `<service>-<env>-infra-differ`: assume the read-only CDK lookup role, for `cdk diff` on
 *   pull requests of this repository.
 */
export class PipelineAccessStack extends Stack {
  readonly imagePublisher: iam.Role;
  readonly infraDeployer: iam.Role;
  readonly infraDiffer: iam.Role;

  constructor(scope: Construct, id: string, props: PipelineAccessStackProps) {
    super(scope, id, props);
    const { config, repository } = props;
    const { names } = config;

    const provider =
      config.githubOidcProvider === 'create'
        ? new iam.OidcProviderNative(this, 'GithubOidcProvider', {
            url: `https://${GITHUB_OIDC.issuer}`,
            clientIds: [GITHUB_OIDC.audience],
          })
        : iam.OidcProviderNative.fromOidcProviderArn(
            this,
            'GithubOidcProvider',
            `arn:${this.partition}:iam::${this.account}:oidc-provider/${GITHUB_OIDC.issuer}`,
          );

    const githubPrincipal = (subjects: string[]) =>
      new iam.WebIdentityPrincipal(provider.oidcProviderArn, {
        StringEquals: { [`${GITHUB_OIDC.issuer}:aud`]: GITHUB_OIDC.audience },
        // StringLike only because a version tag is a pattern; every other subject is exact.
        StringLike: { [`${GITHUB_OIDC.issuer}:sub`]: subjects },
      });

    this.imagePublisher = new iam.Role(this, 'ImagePublisher', {
      roleName: `${names.clusterName}-image-publisher`,
      description: `GitHub Actions (${REPOSITORY.owner}/${REPOSITORY.name} main and v* tags): push images to ${names.ecrRepository}`,
      assumedBy: githubPrincipal([GITHUB_SUBJECTS.mainBranch, GITHUB_SUBJECTS.versionTags]),
    });
    repository.grantPullPush(this.imagePublisher);
    acknowledge(
      this.imagePublisher,
      ['AwsSolutions-IAM5[Resource::*]'],
      'ecr:GetAuthorizationToken has no resource-level permissions (it returns a registry login, not access to any repository); pushes are limited to this one repository by ARN.',
    );

    const bootstrapRole = (kind: string) =>
      `arn:${this.partition}:iam::${this.account}:role/cdk-${CDK_QUALIFIER}-${kind}-role-${this.account}-${this.region}`;

    this.infraDeployer = new iam.Role(this, 'InfraDeployer', {
      roleName: `${names.clusterName}-infra-deployer`,
      description: `GitHub Actions environment "${names.name}": deploy the ${names.name} CDK stacks`,
      assumedBy: githubPrincipal([GITHUB_SUBJECTS.environment(names.name)]),
    });
    this.infraDeployer.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UseTheCdkBootstrapRoles',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: ['deploy', 'file-publishing', 'image-publishing', 'lookup'].map(bootstrapRole),
      }),
    );

    this.infraDiffer = new iam.Role(this, 'InfraDiffer', {
      roleName: `${names.clusterName}-infra-differ`,
      description: 'GitHub Actions pull requests: read-only cdk diff',
      assumedBy: githubPrincipal([GITHUB_SUBJECTS.pullRequests]),
    });
    this.infraDiffer.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UseTheCdkLookupRoleOnly',
        actions: ['sts:AssumeRole'],
        resources: [bootstrapRole('lookup')],
      }),
    );
  }
}
