import { AWS_SETTINGS, awsBase } from './aws.js';
import type { Environment } from './environment.js';
import { TRACING_ENDPOINT } from './tracing.js';

/**
 * Production: three replicas at least (one per zone), more headroom. Syncs main automatically but
 * never prunes on its own: its image changes only through a promotion commit to releases.ts.
 */
export function production(release: { digest: string }): Environment {
  return {
    name: 'production',
    appEnv: 'production',
    ...awsBase('production', release.digest),
    gitops: { targetRevision: 'main', prune: false, selfHeal: true },
    scaling: { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 70 },
    resources: { cpuRequest: '250m', memoryRequest: '256Mi', memoryLimit: '384Mi' },
    settings: {
      ...AWS_SETTINGS,
      APP_ENV: 'production',
      LOG_LEVEL: 'info',
      DOCS_ENABLED: false,
      OTEL_EXPORTER_OTLP_ENDPOINT: TRACING_ENDPOINT,
    },
  };
}
