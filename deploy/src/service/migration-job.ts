import { MIGRATE_COMMAND, NAMESPACES, OBJECT_NAMES, SERVICE_ACCOUNTS } from '@slipway/contract';
import type { Construct } from 'constructs';
import { Job } from 'kubernetes-models/batch/v1/Job';
import type { Environment } from '../environments/index.js';
import { addObject } from '../objects/kube-object.js';
import { COMPONENTS, SERVICE_LABELS, selectorLabels } from '../objects/names.js';
import { waiverAnnotations } from '../objects/waivers.js';
import { serviceContainer, servicePodSpec } from './pod-template.js';

/**
 * Migrations run once per sync, before anything else of the service changes: an ArgoCD PreSync
 * hook with the same image and security context as the server. A failed migration fails the sync,
 * so the new Deployment never rolls out against an old schema.
 */
export function migrationJob(scope: Construct, env: Environment): void {
  const labels = { ...SERVICE_LABELS, ...selectorLabels(COMPONENTS.migrate) };
  addObject(
    scope,
    new Job({
      metadata: {
        name: OBJECT_NAMES.migrationJob,
        namespace: NAMESPACES.service,
        labels,
        annotations: {
          'argocd.argoproj.io/hook': 'PreSync',
          // Keep the last run (and its logs) until the next sync replaces it.
          'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
          ...waiverAnnotations([
            {
              check: 'probes',
              reason: 'a run-to-completion Job serves no traffic; its exit code is its health',
            },
            { check: 'replicas', reason: 'migrations must run exactly once per sync' },
            {
              check: 'pod-disruption-budget',
              reason: 'a hook Job is retried by backoffLimit, not protected',
            },
            ...(env.image.kind === 'tag' ? [{ check: 'image-digest', reason: env.image.waiver }] : []),
          ]),
        },
      },
      spec: {
        backoffLimit: 2,
        activeDeadlineSeconds: 600,
        template: {
          metadata: { labels },
          spec: {
            ...servicePodSpec(SERVICE_ACCOUNTS.migrations, [
              serviceContainer(env, 'migrate', MIGRATE_COMMAND),
            ]),
            restartPolicy: 'Never',
          },
        },
      },
    }),
  );
}
