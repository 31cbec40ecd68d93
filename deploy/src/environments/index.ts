import { RELEASES } from '../releases.js';
import type { Releases } from '../releases-schema.js';
import type { Environment, EnvironmentName } from './environment.js';
import { local } from './local.js';
import { production } from './production.js';
import { staging } from './staging.js';

export type { AddonName, Environment, EnvironmentName, ImageReference } from './environment.js';

export const ENVIRONMENT_NAMES: readonly EnvironmentName[] = ['local', 'staging', 'production'];

/**
 * Every environment, in render order, with the image digests of `releases` (the committed
 * releases.ts unless the promote command passes the new ones). Adding one: a file like
 * staging.ts, its name in EnvironmentName, and a line here.
 */
export function environments(releases: Releases = RELEASES): Environment[] {
  return [local, staging(releases.staging), production(releases.production)];
}

export function environmentByName(name: EnvironmentName, releases: Releases = RELEASES): Environment {
  const found = environments(releases).find((e) => e.name === name);
  if (!found) throw new Error(`unknown environment "${name}"`);
  return found;
}
