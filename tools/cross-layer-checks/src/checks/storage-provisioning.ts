/**
 * Every PersistentVolumeClaim, volumeClaimTemplate and chart persistence setting ⇒ a StorageClass
 * (named, or the one default) whose provisioner is installed. Without one the claim stays Pending
 * and the pod that mounts it never starts.
 */
import { factsOf } from '../layers/chart-facts.js';
import { EKS_ADDON_FACTS, installedAddons } from '../layers/eks-addon-facts.js';
import type { Layers } from '../layers/layers.js';
import { describeManifest, type Json } from '../layers/rendered-manifests.js';

const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

export interface StorageClaim {
  what: string;
  storageClassName: string | undefined;
}

export function storageClaims(layers: Layers): StorageClaim[] {
  const fromObjects = layers.manifests.flatMap((m): StorageClaim[] => {
    if (m.kind === 'PersistentVolumeClaim')
      return [{ what: describeManifest(m), storageClassName: m.object.spec?.storageClassName }];
    if (m.kind === 'StatefulSet')
      return (m.object.spec?.volumeClaimTemplates ?? []).map((t: Json) => ({
        what: `${describeManifest(m)} volumeClaimTemplate ${t.metadata?.name}`,
        storageClassName: t.spec?.storageClassName,
      }));
    // CloudNativePG clusters claim a volume per instance.
    if (m.kind === 'Cluster' && m.object.apiVersion?.startsWith('postgresql.cnpg.io'))
      return [{ what: describeManifest(m), storageClassName: m.object.spec?.storage?.storageClass }];
    return [];
  });
  const fromCharts = layers.releases.flatMap((release) =>
    (factsOf(release)?.claims?.(release) ?? []).map((claim) => ({
      what: `${release.application} (${claim.setting})`,
      storageClassName: claim.storageClassName,
    })),
  );
  return [...fromObjects, ...fromCharts];
}

/** Provisioners something in this environment serves (infra's EKS add-ons; kind brings its own). */
function installedProvisioners(layers: Layers): string[] {
  if (layers.infra === undefined) return ['rancher.io/local-path'];
  return installedAddons(layers.infra).flatMap((name) => EKS_ADDON_FACTS[name]?.provisioners ?? []);
}

export function storageProvisioning(layers: Layers): string[] {
  // kind ships its own default StorageClass (local-path); the check is about the AWS clusters.
  if (layers.infra === undefined) return [];
  const classes = layers.manifests.filter((m) => m.kind === 'StorageClass');
  const defaults = classes.filter(
    (c) => c.object.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
  );
  const provisioners = installedProvisioners(layers);
  const problems: string[] = [];
  if (defaults.length > 1)
    problems.push(
      `${layers.environment}: ${defaults.length} default StorageClasses (${defaults.map((c) => c.name).join(', ')}); a claim without a class gets an arbitrary one.`,
    );
  for (const claim of storageClaims(layers)) {
    const storageClass =
      claim.storageClassName === undefined
        ? defaults[0]
        : classes.find((c) => c.name === claim.storageClassName);
    if (storageClass === undefined) {
      problems.push(
        `${layers.environment}: ${claim.what} claims a volume from ${claim.storageClassName === undefined ? 'the default StorageClass' : `StorageClass ${claim.storageClassName}`}, which the manifests do not define: it would stay Pending.`,
      );
      continue;
    }
    if (!provisioners.includes(storageClass.object.provisioner)) {
      problems.push(
        `${layers.environment}: ${claim.what} uses StorageClass ${storageClass.name}, whose provisioner ${storageClass.object.provisioner} nothing installs (installed: ${provisioners.join(', ') || 'none'}).`,
      );
    }
  }
  return problems;
}
