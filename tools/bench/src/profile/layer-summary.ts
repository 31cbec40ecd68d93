/**
 * A CPU profile summarised by layer: each function's self time (the time it was on top of the
 * stack) goes to the layer of its source; native code and shared helpers go to their caller's.
 */
import { relative, sep } from 'node:path';
import { REPOSITORY_ROOT } from '../machine/repository-paths.js';
import { type CpuProfile, type MonotonicWindow, parents, selfTimes } from './cpu-profile.js';
import { IDLE, INHERIT, LAYER, layerOf } from './layers.js';
import type { SourceLocator } from './source-locator.js';

export interface LayerTime {
  layer: string;
  ms: number;
  /** Of the busy time. */
  share: number;
}

export interface HotFunction {
  name: string;
  /** Source file, relative to the repository (or from node_modules/ on). */
  source: string;
  layer: string;
  share: number;
}

export interface ProfileSummary {
  /** Time the server's CPU spent running the process, and waiting for work. */
  busyMs: number;
  idleMs: number;
  /** Largest first. */
  layers: LayerTime[];
  /** The functions with the most self time, largest first. */
  hottest: HotFunction[];
}

function displayPath(source: string): string {
  const at = source.lastIndexOf(`${sep}node_modules${sep}`);
  if (at !== -1) return source.slice(at + 1);
  return source.startsWith(sep) ? relative(REPOSITORY_ROOT, source) : source;
}

export interface SummaryOptions {
  locate: SourceLocator;
  serviceDir: string;
  /** Count only these samples (leaves out start-up, warm-up and shutdown); all by default. */
  window?: MonotonicWindow;
  hottestCount?: number;
}

export function summariseProfile(
  profile: CpuProfile,
  { locate, serviceDir, window, hottestCount = 10 }: SummaryOptions,
): ProfileSummary {
  const parentOf = parents(profile);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const own = new Map(
    profile.nodes.map((node) => {
      const source = locate(node.callFrame);
      return [node.id, { source, layer: layerOf(node.callFrame, source, serviceDir) }];
    }),
  );
  // Node's own code counts for the layer that called it (fs writes of log lines for pino, socket
  // writes to PostgreSQL for pg), except below Fastify or the event loop, where it is the HTTP
  // server itself: parsing requests, writing responses, running callbacks.
  const effectiveLayer = (id: number): string => {
    let inNode = false;
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const layer = own.get(at)?.layer;
      if (layer === undefined || layer === INHERIT) continue;
      if (layer === LAYER.node) {
        inNode = true;
        continue;
      }
      return inNode && layer === LAYER.fastify ? LAYER.node : layer;
    }
    return inNode ? LAYER.node : LAYER.v8;
  };

  const layerMs = new Map<string, number>();
  const functionMs = new Map<string, HotFunction & { ms: number }>();
  let idleMs = 0;
  for (const [id, micros] of selfTimes(profile, window)) {
    const ms = micros / 1000;
    const layer = effectiveLayer(id);
    if (layer === IDLE) {
      idleMs += ms;
      continue;
    }
    layerMs.set(layer, (layerMs.get(layer) ?? 0) + ms);
    const frame = byId.get(id)?.callFrame;
    const source = displayPath(own.get(id)?.source ?? '');
    const name = frame?.functionName || '(anonymous)';
    const key = `${name}\0${source}\0${layer}`;
    const entry = functionMs.get(key) ?? { name, source, layer, share: 0, ms: 0 };
    entry.ms += ms;
    functionMs.set(key, entry);
  }
  const busyMs = [...layerMs.values()].reduce((a, b) => a + b, 0);
  const share = (ms: number) => (busyMs > 0 ? ms / busyMs : 0);
  return {
    busyMs,
    idleMs,
    layers: [...layerMs].map(([layer, ms]) => ({ layer, ms, share: share(ms) })).sort((a, b) => b.ms - a.ms),
    hottest: [...functionMs.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, hottestCount)
      .map(({ ms, ...hot }) => ({ ...hot, share: share(ms) })),
  };
}
