import { AWS_SETTINGS, awsBase } from './aws.js';
import type { Environment } from './environment.js';
import { TRACING_ENDPOINT } from './tracing.js';

/** Staging: production's shape at a smaller size; syncs every commit to main automatically. */
export function staging(release: { digest: string }): Environment {
  return {
    name: 'staging',
    appEnv: 'staging',
    ...awsBase('staging', release.digest),
    gitops: { targetRevision: 'main', prune: true, selfHeal: true },
    scaling: { minReplicas: 2, maxReplicas: 4, targetCpuUtilization: 70 },
    resources: { cpuRequest: '100m', memoryRequest: '192Mi', memoryLimit: '256Mi' },
    settings: {
      ...AWS_SETTINGS,
      APP_ENV: 'staging',
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: TRACING_ENDPOINT,
    },
  };
}
