import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPOSITORY_ROOT } from './repository.js';
import { runCommand } from './run-command.js';

export interface SbomComponent {
  'bom-ref': string;
  /** The npm scope without its package name (`@fastify`), when there is one. */
  group?: string;
  name: string;
  version: string;
  purl?: string;
}

export interface CycloneDxBom {
  bomFormat: string;
  specVersion: string;
  metadata?: { component?: SbomComponent };
  components?: SbomComponent[];
  dependencies?: Array<{ ref: string; dependsOn?: string[] }>;
}

/** The npm package name of a component: CycloneDX keeps a scope in `group`. */
export function packageName(component: SbomComponent): string {
  return component.group ? `${component.group}/${component.name}` : component.name;
}

const SERVICE_PACKAGE = '@slipway/service';

/**
 * The CycloneDX SBOM of what the image ships: the service and its production dependencies. It is
 * made by CycloneDX's own npm generator (`@cyclonedx/cyclonedx-npm`) from the lockfile, without
 * dev and optional dependencies — the same selection as the image's `npm ci --omit=dev
 * --omit=optional --workspace @slipway/service` — and then narrowed by `shippedComponents`.
 */
export async function serviceSbom(): Promise<CycloneDxBom> {
  const require = createRequire(import.meta.url);
  // The package exports only its library; its command-line entry sits beside it.
  const cli = join(dirname(require.resolve('@cyclonedx/cyclonedx-npm')), 'bin', 'cyclonedx-npm-cli.js');
  const { stdout } = await runCommand(
    process.execPath,
    [
      cli,
      '--package-lock-only',
      '--omit=dev',
      '--omit=optional',
      `--workspace=${SERVICE_PACKAGE}`,
      '--flatten-components',
      '--output-reproducible',
      '--output-format=JSON',
      '--mc-type=application',
      '--output-file=-',
    ],
    { cwd: REPOSITORY_ROOT },
  );
  return shippedComponents(JSON.parse(stdout) as CycloneDxBom);
}

/** name@version of the lockfile packages flagged optional: `npm ci --omit=optional` leaves them out. */
function optionalPackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; optional?: boolean }>;
  };
  return new Set(
    Object.entries(lock.packages).flatMap(([path, entry]) => {
      const name = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)$/)?.[1];
      return name && entry.version && entry.optional ? [`${name}@${entry.version}`] : [];
    }),
  );
}

/**
 * What the generator's workspace mode reports, narrowed to the image: the service becomes the
 * subject (the generator describes the monorepo root); workspace packages are no components of
 * their own, because the esbuild bundle carries their code; and optional packages go, because the
 * generator reads `npm ls`, which lists them even with `--omit=optional` in lockfile-only mode;
 * and type-declaration packages (`@types/*`) go, because the Dockerfile deletes them (they hold no
 * code, but instrumentation-pg lists `@types/pg` among its dependencies).
 */
function shippedComponents(bom: CycloneDxBom): CycloneDxBom {
  const all = bom.components ?? [];
  const service = all.find((c) => packageName(c) === SERVICE_PACKAGE);
  if (service === undefined) throw new Error(`cyclonedx-npm: no component ${SERVICE_PACKAGE} in the SBOM`);
  const optional = optionalPackages();
  const components = all.filter((c) => {
    const name = packageName(c);
    return (
      !name.startsWith('@slipway/') && !name.startsWith('@types/') && !optional.has(`${name}@${c.version}`)
    );
  });
  const kept = new Set([service['bom-ref'], ...components.map((c) => c['bom-ref'])]);
  return {
    ...bom,
    metadata: { ...bom.metadata, component: service },
    components,
    dependencies: (bom.dependencies ?? [])
      .filter((d) => kept.has(d.ref))
      .map((d) => ({ ...d, dependsOn: (d.dependsOn ?? []).filter((ref) => kept.has(ref)) })),
  };
}
