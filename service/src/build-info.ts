import { readFileSync } from 'node:fs';
import { type Config, SERVICE_NAME } from '@slipway/contract';

export interface BuildInfo {
  name: string;
  version: string;
  commit: string;
  buildTime: string;
  node: string;
}

/**
 * The version comes from the package.json beside `src/` (development) or `dist/` (the image), so
 * it is defined once, in package.json.
 */
export function readBuildInfo(config: Config): BuildInfo {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return {
    name: SERVICE_NAME,
    version: pkg.version,
    commit: config.GIT_COMMIT,
    buildTime: config.BUILD_TIME,
    node: process.version,
  };
}
