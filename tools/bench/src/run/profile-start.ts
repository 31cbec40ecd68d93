/**
 * One more start of the bundle, under --cpu-prof, for where the start-up time goes: every sample
 * from the process's first to the moment /readyz answered 200 (not the shutdown after it).
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { monotonicUs, readOnlyProfile } from '../profile/cpu-profile.js';
import { type ProfileSummary, summariseProfile } from '../profile/layer-summary.js';
import { createSourceLocator } from '../profile/source-locator.js';
import type { ServiceDatabase } from '../targets/service-launch.js';
import { startTarget } from '../targets/target-process.js';
import { type RunContext, serviceLaunchFor } from './run-context.js';

export interface StartProfile {
  /** Spawn → /readyz 200 of this (profiled, so slower) start. */
  startMs: number;
  summary: ProfileSummary;
}

export async function profileStart(ctx: RunContext, database: ServiceDatabase): Promise<StartProfile> {
  const dir = mkdtempSync(join(ctx.workDir, 'start-profile-'));
  const server = await startTarget(await serviceLaunchFor(ctx, database, false, dir));
  const readyUs = monotonicUs();
  await server.stop();
  ctx.log(`profiled a start: ${Math.round(server.startMs)} ms to ready under the profiler`);
  const summary = summariseProfile(readOnlyProfile(dir), {
    locate: createSourceLocator(),
    serviceDir: ctx.serviceDir,
    window: { fromUs: Number.NEGATIVE_INFINITY, toUs: readyUs },
    hottestCount: 15,
  });
  return { startMs: server.startMs, summary };
}
