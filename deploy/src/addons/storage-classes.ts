/**
 * The StorageClasses of an environment. On AWS: one default class, gp3 through the EBS CSI driver
 * (the EKS add-on infra/ installs with its Pod Identity), encrypted with the account's EBS key,
 * created in the zone of the pod that first mounts it. Without a default class, every claim that
 * names none (Prometheus, Alertmanager, Loki's and Tempo's write-ahead logs) stays Pending. kind
 * brings its own default class (local-path).
 */
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import type { Environment } from '../environments/index.js';
import type { KubernetesModel } from '../objects/kube-object.js';

export const EBS_CSI_PROVISIONER = 'ebs.csi.aws.com';
export const DEFAULT_STORAGE_CLASS = 'gp3';

export function storageClasses(env: Environment): KubernetesModel[] {
  if (env.aws === undefined) return [];
  return [
    new StorageClass({
      metadata: {
        name: DEFAULT_STORAGE_CLASS,
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: EBS_CSI_PROVISIONER,
      parameters: { type: 'gp3', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'ext4' },
      // An EBS volume lives in one AZ: create it where the pod is scheduled, not before.
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
    }),
  ];
}
