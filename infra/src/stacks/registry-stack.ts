import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config.js';

export interface RegistryStackProps extends StackProps {
  config: EnvironmentConfig;
}

/**
 * The service's image repository in this environment's account. Tags are immutable (a tag always
 * names the same digest; deploy/ references digests anyway), every push is scanned, and a
 * lifecycle policy keeps storage bounded.
 */
export class RegistryStack extends Stack {
  readonly repository: ecr.Repository;

  constructor(scope: Construct, id: string, props: RegistryStackProps) {
    super(scope, id, props);
    const { names, registry } = props.config;
    this.repository = new ecr.Repository(this, 'ServiceRepository', {
      repositoryName: names.ecrRepository,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      imageScanOnPush: true,
      encryption: ecr.RepositoryEncryption.KMS,
      // Images that production runs must survive a stack deletion.
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          rulePriority: 1,
          description: 'Untagged layers and manifests left by multi-arch pushes',
          tagStatus: ecr.TagStatus.UNTAGGED,
          maxImageAge: Duration.days(registry.untaggedExpiryDays),
        },
        {
          rulePriority: 2,
          description: 'Keep the newest images; promoted digests are far fewer than this',
          tagStatus: ecr.TagStatus.ANY,
          maxImageCount: registry.maxImages,
        },
      ],
    });
  }
}
