/**
 * The AWS Load Balancer Controller's IAM policy (content unchanged, reformatted) from the controller's release
 * (docs/install/iam_policy.json of kubernetes-sigs/aws-load-balancer-controller v2.17.1, the copy
 * aws-cdk-lib ships). It matches the controller deploy/ installs (chart aws-load-balancer-controller
 * 1.17.1 = controller v2.17.1, deploy/src/addons/chart-versions.ts): upgrade both together.
 */
import { createRequire } from 'node:module';
import * as iam from 'aws-cdk-lib/aws-iam';
import { wildcardFindings } from '../compliance/acknowledge.js';

const require = createRequire(import.meta.url);
export const LOAD_BALANCER_CONTROLLER_POLICY_VERSION = 'v2.17.1';
const document = require(`./aws-load-balancer-controller-${LOAD_BALANCER_CONTROLLER_POLICY_VERSION}.json`);

export function loadBalancerControllerPolicy(): iam.PolicyDocument {
  return iam.PolicyDocument.fromJson(document);
}

/** The wildcard findings of that policy, acknowledged where the role is created. */
export const LOAD_BALANCER_CONTROLLER_WILDCARDS = wildcardFindings(document);
