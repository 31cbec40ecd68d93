/**
 * Every object or chart setting that needs a controller ⇒ that controller is installed in the same
 * environment: ServiceMonitors and rules need the Prometheus Operator, ExternalSecrets need
 * External Secrets, an Ingress needs the controller of its class, NodePools need Karpenter, an HPA
 * needs a resource-metrics server, a volume needs its provisioner (see storage-provisioning). Without
 * it the API server stores the object (or refuses an unknown kind) and nothing ever acts on it.
 */
import { CHART_FACTS, enabledSections, factsOf } from '../layers/chart-facts.js';
import { valueAt } from '../layers/chart-releases.js';
import type { Layers } from '../layers/layers.js';
import { describeManifest } from '../layers/rendered-manifests.js';

/** Kinds Kubernetes itself serves except where noted: only these need nothing installed. */
const SERVED_BY_KUBERNETES_HPA_NEEDS_METRICS = 'HorizontalPodAutoscaler';

function controllerFor(kind: string): string[] {
  return Object.entries(CHART_FACTS)
    .filter(([, facts]) => facts.serves?.includes(kind))
    .map(([chart]) => chart);
}

export function controllersInstalled(layers: Layers): string[] {
  const installed = new Set(layers.releases.map((r) => r.chart));
  const ingressClasses = new Set(layers.releases.flatMap((r) => factsOf(r)?.ingressClasses?.(r) ?? []));
  const problems: string[] = [];
  const need = (what: string, charts: string[]) => {
    if (charts.length > 0 && !charts.some((chart) => installed.has(chart)))
      problems.push(
        `${layers.environment}: ${what} needs ${charts.join(' or ')}, which this environment does not install.`,
      );
  };

  for (const manifest of layers.manifests) {
    if (manifest.kind === 'Ingress') {
      const ingressClass = manifest.object.spec?.ingressClassName;
      if (ingressClass === undefined)
        problems.push(
          `${layers.environment}: ${describeManifest(manifest)} names no ingressClassName; no controller is bound to serve it.`,
        );
      else if (!ingressClasses.has(ingressClass))
        problems.push(
          `${layers.environment}: ${describeManifest(manifest)} uses ingress class ${ingressClass}, which no installed controller implements (installed: ${[...ingressClasses].join(', ') || 'none'}).`,
        );
      continue;
    }
    const controllers = controllerFor(manifest.kind);
    if (manifest.kind === 'Cluster' && !manifest.object.apiVersion?.startsWith('postgresql.cnpg.io'))
      continue;
    if (manifest.kind === SERVED_BY_KUBERNETES_HPA_NEEDS_METRICS || controllers.length > 0)
      need(describeManifest(manifest), controllers);
  }

  for (const release of layers.releases) {
    for (const path of enabledSections(release.values, 'serviceMonitor'))
      if (release.chart !== 'kube-prometheus-stack')
        need(`${release.application} (${path})`, controllerFor('ServiceMonitor'));
    for (const path of enabledSections(release.values, 'ingress')) {
      const ingressClass =
        valueAt(release.values, `${path}.ingressClassName`) ?? valueAt(release.values, `${path}.className`);
      if (ingressClass === undefined || !ingressClasses.has(ingressClass))
        problems.push(
          `${layers.environment}: ${release.application} (${path}) creates an Ingress of class ${ingressClass ?? '(none)'}, which no installed controller implements.`,
        );
    }
    if (factsOf(release) === undefined)
      problems.push(
        `${layers.environment}: ${release.application} installs chart ${release.chart}, which tools/cross-layer-checks/src/layers/chart-facts.ts does not describe; add what it needs and provides.`,
      );
  }
  return problems;
}
