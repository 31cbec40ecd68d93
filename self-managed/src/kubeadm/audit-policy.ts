/**
 * The API server's audit policy (audit.k8s.io/v1), placed at AUDIT_POLICY_FILE on every
 * control-plane node: who changed what, without ever writing a Secret's or token's content to
 * the log (Metadata level for those), and without the noise of health checks.
 */
export interface AuditPolicy {
  apiVersion: 'audit.k8s.io/v1';
  kind: 'Policy';
  omitStages: string[];
  rules: {
    level: 'None' | 'Metadata' | 'Request' | 'RequestResponse';
    users?: string[];
    verbs?: string[];
    nonResourceURLs?: string[];
    resources?: { group: string; resources: string[] }[];
  }[];
}

export function auditPolicy(): AuditPolicy {
  return {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    omitStages: ['RequestReceived'],
    rules: [
      { level: 'None', nonResourceURLs: ['/healthz*', '/livez*', '/readyz*', '/version'] },
      { level: 'None', users: ['system:kube-proxy'], verbs: ['watch'] },
      {
        level: 'Metadata',
        resources: [
          { group: '', resources: ['secrets', 'configmaps', 'serviceaccounts/token'] },
          { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
        ],
      },
      { level: 'Request', verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'] },
      { level: 'Metadata' },
    ],
  };
}
