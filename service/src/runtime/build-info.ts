import { readFileSync } from 'node:fs';
import { findPackageJSON } from 'node:module';
import { type Config, SERVICE_NAME } from '@slipway/contract';

export interface BuildInfo {
  name: string;
  version: string;
  commit: string;
  buildTime: string;
  node: string;
}

/**
 * The version is defined once, in the service's package.json: the nearest one to this module, in
 * the source tree and in the image (/app/package.json beside /app/dist) alike.
 */
export function readBuildInfo(config: Config): BuildInfo {
  const path = findPackageJSON(import.meta.url);
  if (path === undefined) throw new Error(`no package.json above ${import.meta.url}`);
  const pkg = JSON.parse(readFileSync(path, 'utf8')) as { version: string };
  return {
    name: SERVICE_NAME,
    version: pkg.version,
    commit: config.GIT_COMMIT,
    buildTime: config.BUILD_TIME,
    node: process.version,
  };
}
