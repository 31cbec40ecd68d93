/**
 * The service under the same load with --cpu-prof: one process per database, each request in turn
 * as in the measured rows. Only the samples of each measured run count, not start-up, warm-ups or
 * shutdown.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { type MonotonicWindow, monotonicUs, readOnlyProfile } from '../profile/cpu-profile.js';
import { summariseProfile } from '../profile/layer-summary.js';
import { createSourceLocator } from '../profile/source-locator.js';
import type { ServiceDatabase } from '../targets/service-launch.js';
import { startTarget } from '../targets/target-process.js';
import type { ProfileRun } from './bench-report.js';
import {
  createSeedUser,
  loadRequest,
  measure,
  type RunContext,
  serviceLaunchFor,
  writeHeaders,
} from './run-context.js';
import type { ScenarioKey } from './scenarios.js';

export async function profileService(
  ctx: RunContext,
  database: ServiceDatabase,
  label: ProfileRun['database'],
): Promise<ProfileRun[]> {
  const dir = mkdtempSync(join(ctx.workDir, 'profile-'));
  const server = await startTarget(await serviceLaunchFor(ctx, database, false, dir));
  const scenarios = ['get', 'post'] as const;
  // Each measured run on the clock the profile's samples carry.
  const windows = new Map<ScenarioKey, MonotonicWindow>();
  try {
    const userId = await createSeedUser(ctx, server.url, writeHeaders(ctx));
    for (const scenario of scenarios) {
      const window = { fromUs: 0, toUs: 0 };
      await measure(ctx, loadRequest(scenario, server.url, userId, writeHeaders(ctx)), () => {
        window.fromUs = monotonicUs();
      });
      window.toUs = monotonicUs();
      windows.set(scenario, window);
    }
  } finally {
    await server.stop();
  }
  const profile = readOnlyProfile(dir);
  const locate = createSourceLocator();
  ctx.log(`profiled the service on ${label}`);
  return scenarios.map((scenario) => ({
    database: label,
    scenario,
    summary: summariseProfile(profile, { locate, serviceDir: ctx.serviceDir, window: windows.get(scenario) }),
  }));
}
