/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that the summary reads. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CallFrame {
  functionName: string;
  /** `file:///…`, `node:…`, or empty for V8's own entries and native code. */
  url: string;
  /** 0-based position of the function in its script; -1 when there is none. */
  lineNumber: number;
  columnNumber: number;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /**
   * When profiling began, in microseconds of the system's monotonic clock (CLOCK_MONOTONIC on
   * Linux, what process.hrtime() reads in any process), so other processes can name a window.
   */
  startTime: number;
  /** The node on top of the stack at each sample. */
  samples: number[];
  /** Microseconds since the previous sample, one per sample. */
  timeDeltas: number[];
}

/**
 * Self time of each node in microseconds (the time it was on top of the stack), counting only the
 * samples taken within `window` (monotonic clock, microseconds; see `startTime`).
 */
export function selfTimes(
  profile: CpuProfile,
  window: MonotonicWindow = { fromUs: Number.NEGATIVE_INFINITY, toUs: Number.POSITIVE_INFINITY },
): Map<number, number> {
  const times = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= window.fromUs && at <= window.toUs) times.set(id, (times.get(id) ?? 0) + delta);
  });
  return times;
}

export interface MonotonicWindow {
  fromUs: number;
  toUs: number;
}

/** Now on the monotonic clock that profiles use, in microseconds. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Each node's parent. */
export function parents(profile: CpuProfile): Map<number, number> {
  const map = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) map.set(child, node.id);
  return map;
}

/** The one profile a process wrote into `dir` (--cpu-prof-dir). */
export function readOnlyProfile(dir: string): CpuProfile {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length !== 1) throw new Error(`expected one .cpuprofile in ${dir}, found ${files.length}`);
  return JSON.parse(readFileSync(join(dir, files[0]!), 'utf8')) as CpuProfile;
}
