/**
 * Every Secret a chart's values name ⇒ something in the environment creates it, with the keys the
 * values read; and Grafana on AWS logs in with such a Secret, not with the chart's default password
 * (`prom-operator`, published in the chart's values.yaml). A missing Secret keeps the pod that
 * mounts it from starting (Alertmanager's receivers, Grafana's login); the default password leaves
 * Grafana open to anyone who can reach it.
 */
import { valueAt } from '../layers/chart-releases.js';
import type { Layers } from '../layers/layers.js';
import type { Json, Manifest } from '../layers/rendered-manifests.js';

interface SecretReference {
  release: string;
  setting: string;
  name: string;
  namespace: string;
  keys: string[];
}

function references(layers: Layers): SecretReference[] {
  return layers.releases
    .filter((r) => r.chart === 'kube-prometheus-stack')
    .flatMap((release) => {
      const found: SecretReference[] = [];
      for (const name of valueAt(release.values, 'alertmanager.alertmanagerSpec.secrets') ?? [])
        found.push({
          release: release.application,
          setting: 'alertmanager.alertmanagerSpec.secrets',
          name,
          namespace: release.namespace,
          keys: receiverKeys(release.values),
        });
      const admin = valueAt(release.values, 'grafana.admin');
      if (admin?.existingSecret)
        found.push({
          release: release.application,
          setting: 'grafana.admin.existingSecret',
          name: admin.existingSecret,
          namespace: release.namespace,
          keys: [admin.userKey, admin.passwordKey],
        });
      return found;
    });
}

/** The files the Alertmanager configuration reads from its mounted secrets. */
function receiverKeys(values: Json): string[] {
  const text = JSON.stringify(valueAt(values, 'alertmanager.config') ?? {});
  return [...text.matchAll(/_file":"\/etc\/alertmanager\/secrets\/[^/"]+\/([^"]+)"/g)].map((m) => m[1]!);
}

/** The keys of the Secret named `name` in `namespace` once External Secrets (or the manifests) create it. */
function createdKeys(manifests: Manifest[], name: string, namespace: string): string[] | undefined {
  const plain = manifests.find((m) => m.kind === 'Secret' && m.name === name && m.namespace === namespace);
  if (plain) return Object.keys({ ...plain.object.data, ...plain.object.stringData });
  const external = manifests.find(
    (m) =>
      m.kind === 'ExternalSecret' &&
      m.namespace === namespace &&
      (m.object.spec?.target?.name ?? m.name) === name,
  );
  if (external === undefined) return undefined;
  const spec = external.object.spec;
  return [
    ...(spec.data ?? []).map((d: Json) => d.secretKey),
    ...Object.keys(spec.target?.template?.data ?? {}),
  ];
}

export function chartSecrets(layers: Layers): string[] {
  const problems: string[] = [];
  for (const ref of references(layers)) {
    const keys = createdKeys(layers.manifests, ref.name, ref.namespace);
    if (keys === undefined) {
      problems.push(
        `${layers.environment}: ${ref.release} (${ref.setting}) uses Secret ${ref.namespace}/${ref.name}, which nothing in the manifests creates: the pod that mounts it never starts.`,
      );
      continue;
    }
    const missing = ref.keys.filter((key) => !keys.includes(key));
    if (missing.length > 0)
      problems.push(
        `${layers.environment}: ${ref.release} (${ref.setting}) reads ${missing.join(', ')} from Secret ${ref.namespace}/${ref.name}, which holds only ${keys.join(', ')}.`,
      );
  }
  if (layers.infra !== undefined) {
    for (const release of layers.releases.filter((r) => r.chart === 'kube-prometheus-stack')) {
      if (
        valueAt(release.values, 'grafana.enabled') !== false &&
        !valueAt(release.values, 'grafana.admin.existingSecret')
      )
        problems.push(
          `${layers.environment}: ${release.application} leaves Grafana with the chart's default admin password; set grafana.admin.existingSecret to a Secret from Secrets Manager.`,
        );
    }
  }
  return problems;
}
