/**
 * The AWS Load Balancer Controller's IAM policy, vendored verbatim from the controller's release
 * (docs/install/iam_policy.json of kubernetes-sigs/aws-load-balancer-controller v3.2.2, the copy
 * aws-cdk-lib ships). Upgrade it together with the controller's chart version in deploy/.
 */
import { createRequire } from 'node:module';
import * as iam from 'aws-cdk-lib/aws-iam';
import { wildcardFindings } from '../compliance/acknowledge.js';

const require = createRequire(import.meta.url);
export const LOAD_BALANCER_CONTROLLER_POLICY_VERSION = 'v3.2.2';
const document = require(`./aws-load-balancer-controller-${LOAD_BALANCER_CONTROLLER_POLICY_VERSION}.json`);

export function loadBalancerControllerPolicy(): iam.PolicyDocument {
  return iam.PolicyDocument.fromJson(document);
}

/** The wildcard findings of that policy, acknowledged where the role is created. */
export const LOAD_BALANCER_CONTROLLER_WILDCARDS = wildcardFindings(document);
