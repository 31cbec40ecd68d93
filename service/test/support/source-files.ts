import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The service's source folder, as the tests that read its code see it. */
export const sourceRoot = resolve(import.meta.dirname, '../../src');

/** Every .ts file under `dir`, depth first. */
export function sourceFiles(dir: string = sourceRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}
