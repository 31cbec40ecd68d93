/**
 * Where a profiled function comes from. The service runs as one esbuild bundle, so the profile
 * only names dist/ files; their source maps (written by the service's build with --sourcemap) lead
 * back to the source file — a package in node_modules or a file of the service.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  GREATEST_LOWER_BOUND,
  LEAST_UPPER_BOUND,
  originalPositionFor,
  TraceMap,
} from '@jridgewell/trace-mapping';
import type { CallFrame } from './cpu-profile.js';

export type SourceLocator = (frame: CallFrame) => string;

/**
 * Returns the source path of a frame: an absolute file path when the frame is in a file (traced
 * through its source map when it has one), else the frame's URL as it is (`node:…`, or empty).
 */
export function createSourceLocator(): SourceLocator {
  const maps = new Map<string, TraceMap | undefined>();
  const mapFor = (file: string) => {
    if (!maps.has(file)) {
      const mapFile = `${file}.map`;
      maps.set(file, existsSync(mapFile) ? new TraceMap(readFileSync(mapFile, 'utf8'), mapFile) : undefined);
    }
    return maps.get(file);
  };
  return (frame) => {
    if (!frame.url.startsWith('file://')) return frame.url;
    const file = fileURLToPath(frame.url);
    const map = mapFor(file);
    if (map === undefined || frame.lineNumber < 0) return file;
    const needle = { line: frame.lineNumber + 1, column: frame.columnNumber };
    for (const bias of [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] as const) {
      const { source } = originalPositionFor(map, { ...needle, bias });
      if (source !== null) return source.startsWith('file://') ? fileURLToPath(source) : source;
    }
    return file;
  };
}
