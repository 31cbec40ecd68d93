import { join, resolve } from 'node:path';

export const REPOSITORY_ROOT = resolve(import.meta.dirname, '../../../..');
export const SERVICE_DIR = join(REPOSITORY_ROOT, 'service');
export const BENCHMARKS_DOC = join(REPOSITORY_ROOT, 'docs/benchmarks.md');
