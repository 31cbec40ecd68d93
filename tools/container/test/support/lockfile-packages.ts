import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '../../src/index.js';

interface LockEntry {
  name?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  link?: boolean;
}

/**
 * The lockfile's packages by what they are for: `production` holds every package name that has
 * at least one entry needed at run time; `devOnly` the names that appear only as development
 * (or optional) dependencies, which must never ship.
 */
export function lockfilePackages(): { production: Set<string>; devOnly: Set<string> } {
  const lock = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const production = new Set<string>();
  const other = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = entry.name ?? path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)$/)?.[1];
    if (!name || entry.link) continue;
    if (entry.dev || entry.optional || entry.devOptional) other.add(name);
    else production.add(name);
  }
  return { production, devOnly: new Set([...other].filter((name) => !production.has(name))) };
}
