import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from './repository.js';
import { runCommand } from './run-command.js';

interface Component {
  'bom-ref': string;
  name: string;
  version: string;
  scope?: string;
  purl?: string;
}

export interface CycloneDxBom {
  bomFormat: string;
  specVersion: string;
  metadata?: { component?: Component };
  components?: Component[];
  dependencies?: Array<{ ref: string; dependsOn?: string[] }>;
}

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
}

/** The workspace folders the lockfile knows (its package keys outside node_modules). */
function workspaceFolders(): string[] {
  const lock = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  return Object.keys(lock.packages).filter(
    (path) =>
      path !== '' &&
      !path.includes('node_modules') &&
      existsSync(join(REPOSITORY_ROOT, path, 'package.json')),
  );
}

/**
 * A CycloneDX SBOM of the dependencies the image ships (the service's production dependencies,
 * without dev and optional ones), from the lockfile with npm's own `npm sbom`; nothing is
 * installed. npm sbom needs a version on the root package, which this private monorepo root does
 * not have, so it runs on a copy of the manifests (lockfile, every workspace's package.json) with
 * the service's version on the root.
 */
export async function serviceSbom(): Promise<CycloneDxBom> {
  const service = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'service/package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const root = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const scratch = mkdtempSync(join(tmpdir(), 'slipway-sbom-'));
  const project = join(scratch, 'slipway');
  try {
    mkdirSync(project, { recursive: true });
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ ...root, version: service.version }, null, 2),
    );
    cpSync(join(REPOSITORY_ROOT, 'package-lock.json'), join(project, 'package-lock.json'));
    // Every workspace's manifest: without them npm cannot tell which packages the other workspaces
    // need, and misjudges shared ones as dev-only.
    for (const folder of workspaceFolders()) {
      mkdirSync(join(project, folder), { recursive: true });
      cpSync(join(REPOSITORY_ROOT, folder, 'package.json'), join(project, folder, 'package.json'));
    }
    // `--omit=dev` is not used: in a workspace npm sbom also drops production packages that a
    // root devDependency shares (pg, pino, ajv…). The full SBOM is narrowed below instead.
    const { stdout } = await runCommand(
      'npm',
      [
        'sbom',
        '--package-lock-only',
        '--sbom-format=cyclonedx',
        '--sbom-type=application',
        `--workspace=${service.name}`,
      ],
      { cwd: project },
    );
    const full = JSON.parse(stdout) as CycloneDxBom;
    const optional = Object.keys(
      (
        JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'service/package.json'), 'utf8')) as {
          optionalDependencies?: Record<string, string>;
        }
      ).optionalDependencies ?? {},
    );
    return shippedDependencies(full, service.name, `${service.name}@${service.version}`, optional);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** name@version of every lockfile package that `npm ci --omit=dev --omit=optional` installs. */
function installablePackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const installable = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)$/)?.[1];
    if (name && entry.version && !entry.dev && !entry.optional && !entry.devOptional) {
      installable.add(`${name}@${entry.version}`);
    }
  }
  return installable;
}

/**
 * Narrows npm's SBOM of the service workspace to what the image ships: the packages reachable
 * from the service through its dependency graph, without its optional dependencies and without
 * packages the lockfile marks dev or optional. The service becomes the SBOM's subject.
 */
function shippedDependencies(
  full: CycloneDxBom,
  serviceName: string,
  serviceRef: string,
  optional: string[],
): CycloneDxBom {
  const edges = new Map((full.dependencies ?? []).map((d) => [d.ref, d.dependsOn ?? []]));
  const installable = installablePackages();
  const components = new Map((full.components ?? []).map((c) => [c['bom-ref'], c]));
  const service = components.get(serviceRef);
  if (!service) throw new Error(`npm sbom: no component ${serviceRef} in the workspace SBOM`);
  const kept = new Set<string>();
  const queue = (edges.get(serviceRef) ?? []).filter(
    (ref) => !optional.includes(components.get(ref)?.name ?? ''),
  );
  while (queue.length > 0) {
    const ref = queue.shift() as string;
    const component = components.get(ref);
    if (kept.has(ref) || !component || !installable.has(`${component.name}@${component.version}`)) continue;
    kept.add(ref);
    queue.push(...(edges.get(ref) ?? []));
  }
  return {
    ...full,
    // npm names a workspace after its folder; the subject is the package.
    metadata: {
      ...full.metadata,
      component: {
        ...service,
        name: serviceName,
        purl: `pkg:npm/${serviceName.replace('@', '%40')}@${service.version}`,
      },
    },
    components: [...kept].map((ref) => components.get(ref) as Component),
    dependencies: [serviceRef, ...kept].map((ref) => ({
      ref,
      dependsOn: (edges.get(ref) ?? []).filter((dependency) => kept.has(dependency)),
    })),
  };
}
