import { ENVIRONMENTS } from '@slipway/contract';
import type { Environment, EnvironmentName, Releases } from './environment.js';
import { local } from './local.js';
import { production } from './production.js';
import { staging } from './staging.js';

export type {
  AddonName,
  Environment,
  EnvironmentName,
  ImageReference,
  PlainSettings,
  Releases,
} from './environment.js';
export { LOCAL_IMAGE, local as localEnvironment } from './local.js';

/** How each environment is built; a name added to the contract fails the typecheck until it has one. */
const BUILDERS: Record<EnvironmentName, (releases: Releases) => Environment> = {
  local: () => local,
  staging: (releases) => staging(releases.staging),
  production: (releases) => production(releases.production),
};

/**
 * Every environment, in the contract's order (ENVIRONMENTS), with the image digests of `releases` (the committed
 * src/releases.ts, or the new digests the promote command is about to write).
 */
export function environments(releases: Releases): Environment[] {
  return ENVIRONMENTS.map((name) => BUILDERS[name](releases));
}

export function environmentByName(name: EnvironmentName, releases: Releases): Environment {
  return BUILDERS[name](releases);
}
