/**
 * What the server Deployment and the migration Job share: the image, the restricted security
 * context, the configuration and secrets, and the only writable path (/tmp).
 */
import { CONTAINER, OBJECT_NAMES, SECRETS_MOUNT_PATH } from '@slipway/contract';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { Environment } from '../environments/index.js';
import { SECRET_SOURCES, secretFileVariables } from './secrets.js';

export function imageOf(env: Environment): string {
  return env.image.kind === 'digest'
    ? `${env.image.repository}@${env.image.digest}`
    : `${env.image.repository}:${env.image.tag}`;
}

export const POD_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  runAsUser: CONTAINER.uid,
  runAsGroup: CONTAINER.gid,
  fsGroup: CONTAINER.gid,
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

export const CONTAINER_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  runAsUser: CONTAINER.uid,
  runAsGroup: CONTAINER.gid,
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

const VOLUMES = { secrets: 'secrets', tmp: 'tmp' } as const;

/** Files are group-readable by the pod's fsGroup and nobody else (0440). */
const SECRET_FILE_MODE = 0o440;

function volumes(): IVolume[] {
  return [
    {
      name: VOLUMES.secrets,
      projected: {
        defaultMode: SECRET_FILE_MODE,
        sources: Object.entries(SECRET_SOURCES).map(([name, keys]) => ({
          secret: { name, items: keys.map((key) => ({ key, path: key })) },
        })),
      },
    },
    { name: VOLUMES.tmp, emptyDir: { sizeLimit: '64Mi' } },
  ];
}

/** A container of the service: `args` picks the command (server or migrations). */
export function serviceContainer(env: Environment, name: string, args: readonly string[]): IContainer {
  return {
    name,
    image: imageOf(env),
    imagePullPolicy: env.image.kind === 'tag' ? 'IfNotPresent' : undefined,
    args: [...args],
    workingDir: CONTAINER.workdir,
    envFrom: [{ configMapRef: { name: OBJECT_NAMES.config } }],
    env: secretFileVariables(),
    securityContext: { ...CONTAINER_SECURITY_CONTEXT, capabilities: { drop: ['ALL'] } },
    resources: {
      requests: {
        cpu: env.resources.cpuRequest,
        memory: env.resources.memoryRequest,
      },
      // No CPU limit: see docs/decisions/020-kubernetes-delivery.md.
      limits: { memory: env.resources.memoryLimit },
    },
    volumeMounts: [
      { name: VOLUMES.secrets, mountPath: SECRETS_MOUNT_PATH, readOnly: true },
      { name: VOLUMES.tmp, mountPath: '/tmp' },
    ],
  };
}

export function servicePodSpec(serviceAccountName: string, containers: IContainer[]): IPodSpec {
  return {
    serviceAccountName,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: { ...POD_SECURITY_CONTEXT },
    containers,
    volumes: volumes(),
  };
}
