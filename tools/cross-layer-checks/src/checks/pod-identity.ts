/**
 * Every ServiceAccount that calls AWS ⇒ exactly one Pod Identity association, to a role bound to
 * exactly that ServiceAccount with a least-privilege policy; and no association without a
 * ServiceAccount. A missing association leaves the pods without credentials (every AWS call fails
 * with "no credentials" — IMDS is one hop away from pods); a stray one is a role nobody should hold.
 */
import { factsOf } from '../layers/chart-facts.js';
import { EKS_ADDON_FACTS } from '../layers/eks-addon-facts.js';
import { type InfraTemplates, referenced, resourcesOfType } from '../layers/infra-templates.js';
import type { Layers } from '../layers/layers.js';
import type { Json } from '../layers/rendered-manifests.js';

/** AWS managed policies a Pod Identity role may carry: AWS scopes and maintains them with the add-on. */
export const ALLOWED_MANAGED_POLICIES = ['service-role/AmazonEBSCSIDriverPolicy'];

/** Services whose `Resource: *` without a condition would reach data rather than metadata. */
const DATA_SERVICES = ['s3', 'secretsmanager', 'kms', 'dynamodb', 'ssm', 'rds', 'sqs', 'sns', 'ecr'];

export interface Association {
  namespace: string;
  serviceAccount: string;
  role: Json;
  roleId: string;
  /** Which resource declares it, for messages. */
  declaredBy: string;
}

export function podIdentityAssociations(infra: InfraTemplates): Association[] {
  const standalone = resourcesOfType(infra, 'AWS::EKS::PodIdentityAssociation').map((a) => ({
    namespace: a.properties.Namespace as string,
    serviceAccount: a.properties.ServiceAccount as string,
    role: referenced(infra, a.stack, a.properties.RoleArn),
    roleId: a.properties.RoleArn?.['Fn::GetAtt']?.[0] as string,
    declaredBy: `${a.stack}/${a.id}`,
  }));
  const byAddons = resourcesOfType(infra, 'AWS::EKS::Addon').flatMap((addon) =>
    ((addon.properties.PodIdentityAssociations as Json[] | undefined) ?? []).map((a) => ({
      namespace: EKS_ADDON_FACTS[addon.properties.AddonName]?.namespace ?? 'kube-system',
      serviceAccount: a.ServiceAccount as string,
      role: referenced(infra, addon.stack, a.RoleArn),
      roleId: a.RoleArn?.['Fn::GetAtt']?.[0] as string,
      declaredBy: `${addon.stack}/${addon.id} (add-on ${addon.properties.AddonName})`,
    })),
  );
  return [...standalone, ...byAddons];
}

/** `namespace/name` of every ServiceAccount the cluster will have. */
export function existingServiceAccounts(layers: Layers): Set<string> {
  const rendered = layers.manifests
    .filter((m) => m.kind === 'ServiceAccount')
    .map((m) => `${m.namespace}/${m.name}`);
  const fromCharts = layers.releases.flatMap((r) =>
    (factsOf(r)?.serviceAccounts(r) ?? []).map((name) => `${r.namespace}/${name}`),
  );
  const fromAddons = resourcesOfType(layers.infra!, 'AWS::EKS::Addon').flatMap((addon) =>
    (EKS_ADDON_FACTS[addon.properties.AddonName]?.serviceAccounts ?? []).map(
      (sa) => `${sa.namespace}/${sa.name}`,
    ),
  );
  return new Set([...rendered, ...fromCharts, ...fromAddons]);
}

/** `namespace/name` of every ServiceAccount whose pods call AWS APIs. */
export function awsCallers(layers: Layers): { account: string; why: string }[] {
  return layers.releases.flatMap((release) => {
    const account = factsOf(release)?.awsCaller?.(release, layers.manifests);
    return account ? [{ account: `${release.namespace}/${account}`, why: release.application }] : [];
  });
}

function policyStatements(infra: InfraTemplates, roleId: string, role: Json): Json[] {
  const inline = (role.Properties?.Policies ?? []).flatMap((p: Json) => p.PolicyDocument.Statement);
  const attached = Object.values(infra.cluster.Resources)
    .filter(
      (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties?.Roles).includes(`"${roleId}"`),
    )
    .flatMap((r) => (r.Properties as Json).PolicyDocument.Statement);
  return [...inline, ...attached];
}

function managedPolicies(role: Json): string[] {
  return (role.Properties?.ManagedPolicyArns ?? []).map(
    (arn: Json) => JSON.stringify(arn).match(/:iam::aws:policy\/([\w/+=,.@-]+)/)?.[1] ?? JSON.stringify(arn),
  );
}

/** What is wrong with the role an association hands out, for the ServiceAccount it names. */
export function rolePrivilegeProblems(
  infra: InfraTemplates,
  association: Association,
  callsAws: boolean,
): string[] {
  const { role, roleId, namespace, serviceAccount } = association;
  const who = `${namespace}/${serviceAccount}`;
  if (role?.Type !== 'AWS::IAM::Role')
    return [`${who}: the association's role ${roleId} is not a role in the same stack`];
  const problems: string[] = [];
  const trust = JSON.stringify(role.Properties.AssumeRolePolicyDocument);
  if (
    !trust.includes('pods.eks.amazonaws.com') ||
    !trust.includes(`"aws:RequestTag/kubernetes-namespace":"${namespace}"`) ||
    !trust.includes(`"aws:RequestTag/kubernetes-service-account":"${serviceAccount}"`)
  ) {
    problems.push(
      `${who}: role ${roleId} is not bound to exactly this ServiceAccount (trust must check the namespace and ServiceAccount session tags)`,
    );
  }
  const statements = policyStatements(infra, roleId, role).filter((s) => s.Effect === 'Allow');
  const managed = managedPolicies(role);
  for (const policy of managed.filter((p) => !ALLOWED_MANAGED_POLICIES.includes(p)))
    problems.push(
      `${who}: role ${roleId} carries the managed policy ${policy}, which is not known to be scoped for it`,
    );
  for (const statement of statements) {
    const actions = [statement.Action].flat() as string[];
    const resources = [statement.Resource].flat();
    for (const action of actions.filter((a) => a === '*' || a.endsWith(':*')))
      problems.push(
        `${who}: role ${roleId} allows every action of ${action === '*' ? 'every service' : action}`,
      );
    const unscoped = resources.includes('*') && statement.Condition === undefined;
    const dataActions = actions.filter((a) => DATA_SERVICES.includes(a.split(':')[0]!));
    if (unscoped && dataActions.length > 0)
      problems.push(
        `${who}: role ${roleId} allows ${dataActions.join(', ')} on every resource, with no condition`,
      );
  }
  if (callsAws && statements.length === 0 && managed.length === 0)
    problems.push(`${who}: calls AWS, but role ${roleId} allows nothing`);
  return problems;
}

export function podIdentity(layers: Layers): string[] {
  if (layers.infra === undefined) return [];
  const infra = layers.infra;
  const associations = podIdentityAssociations(infra);
  const accounts = existingServiceAccounts(layers);
  const callers = awsCallers(layers);
  const problems: string[] = [];
  for (const { account, why } of callers) {
    const bound = associations.filter((a) => `${a.namespace}/${a.serviceAccount}` === account);
    if (bound.length !== 1) {
      problems.push(
        `${layers.environment}: ${account} (${why}) calls AWS but has ${bound.length} Pod Identity associations in infra; it needs exactly one.`,
      );
    }
  }
  for (const association of associations) {
    const account = `${association.namespace}/${association.serviceAccount}`;
    if (!accounts.has(account)) {
      problems.push(
        `${layers.environment}: ${association.declaredBy} binds a role to ${account}, but no ServiceAccount of that name is rendered, created by a chart or by an EKS add-on.`,
      );
    }
    const callsAws = callers.some((c) => c.account === account);
    problems.push(
      ...rolePrivilegeProblems(infra, association, callsAws).map((p) => `${layers.environment}: ${p}`),
    );
  }
  return problems;
}
