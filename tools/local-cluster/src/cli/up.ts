/**
 * `npm run cluster:local`: a kind cluster with the service image loaded, ArgoCD installed and
 * pointed at deploy/manifests/local. Needs kind, kubectl and docker (or podman) on PATH.
 */
import { spawnSync } from 'node:child_process';
import { detectEngine, ensureServiceImage } from '@slipway/container';
import { localEnvironment } from '@slipway/deploy';
import { CLUSTER_NAME } from '../kind-config.js';
import { parseCliOptions } from '../options.js';
import { upPlan } from '../plan.js';

function fail(message: string): never {
  console.error(`cluster:local: ${message}`);
  process.exit(2);
}

function output(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

let options: ReturnType<typeof parseCliOptions>;
try {
  options = parseCliOptions(process.argv.slice(2));
} catch (error) {
  fail((error as Error).message);
}
for (const tool of ['kind', 'kubectl']) {
  if (output(tool, ['version']) === undefined && output(tool, ['version', '--client']) === undefined) {
    fail(`${tool} is not installed or not on PATH (see tools/local-cluster/README.md)`);
  }
}
const revision =
  options.revision ??
  output('git', ['rev-parse', 'HEAD']) ??
  fail('no --revision given and not in a git checkout');
const { command: engine } = await detectEngine().catch((error: Error) => fail(error.message));
console.log(`building the service image with ${engine}...`);
const builtImage = await ensureServiceImage();
if (engine === 'podman') process.env.KIND_EXPERIMENTAL_PROVIDER ??= 'podman';
const clusterExists = (output('kind', ['get', 'clusters']) ?? '').split('\n').includes(CLUSTER_NAME);

for (const step of upPlan({ ...options, revision, engine, builtImage, clusterExists })) {
  console.log(`==> ${step.title}`);
  const [command, ...args] = step.command;
  const result = spawnSync(command!, args, {
    input: step.input,
    stdio: [step.input ? 'pipe' : 'inherit', 'inherit', 'inherit'],
  });
  if (result.status !== 0) fail(`step failed: ${step.command.join(' ')}`);
}
console.log(
  `ArgoCD is syncing deploy/manifests/local at ${revision}. The API answers at http://${localEnvironment.ingress.host}:${options.hostPort} once synced.`,
);
