/**
 * Acknowledging a cdk-nag or cfn-guard finding: always on the construct that causes it, always
 * with the reason it is acceptable. cdk-nag matches finding-level ids exactly
 * (`AwsSolutions-IAM5[Resource::*]`), so each finding is acknowledged by name; a new wildcard in
 * a policy is therefore a new, unacknowledged finding.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function acknowledge(scope: IConstruct, ids: readonly string[], reason: string): void {
  if (reason.trim().length < 20) {
    throw new Error(`Acknowledgement of ${ids.join(', ')} on ${scope.node.path} needs a real reason.`);
  }
  Validations.of(scope).acknowledge(...ids.map((id) => ({ id, reason })));
}

interface PolicyJson {
  Statement: { Action?: string | string[]; Resource?: string | string[] }[];
}

/** The AwsSolutions-IAM5 finding ids cdk-nag reports for the wildcards of a literal policy. */
export function wildcardFindings(policy: PolicyJson): string[] {
  const findings = new Set<string>();
  for (const statement of policy.Statement) {
    for (const action of [statement.Action ?? []].flat()) {
      if (action.includes('*')) findings.add(`AwsSolutions-IAM5[Action::${action}]`);
    }
    for (const resource of [statement.Resource ?? []].flat()) {
      if (resource.includes('*')) findings.add(`AwsSolutions-IAM5[Resource::${resource}]`);
    }
  }
  return [...findings];
}

/** cdk-nag's finding id for an AWS managed policy attached to a role. */
export function managedPolicyFinding(name: string): string {
  return `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`;
}
