import { type CampaignEnvironment, startCampaignEnvironment } from './fleet/campaign-environment.js';
import { abuseFuzz } from './scenarios/abuse-fuzz.js';
import { databaseFastShutdown, databaseTerminateSessions } from './scenarios/database-faults.js';
import { instanceKill } from './scenarios/instance-kill.js';
import { memorySoak } from './scenarios/memory-soak.js';
import { rollingReplacement } from './scenarios/rolling-replacement.js';
import type { Profile, Scenario, ScenarioResult } from './scenarios/scenario.js';
import { slowDatabase } from './scenarios/slow-database.js';

export const INSTANCES = 3;

/** Every scenario, in the order the campaign runs them (each leaves the fleet at full strength). */
export const SCENARIOS: { id: string; run: Scenario }[] = [
  { id: 'rolling-replacement', run: rollingReplacement },
  { id: 'instance-kill', run: instanceKill },
  { id: 'fast-shutdown', run: databaseFastShutdown },
  { id: 'terminate-sessions', run: databaseTerminateSessions },
  { id: 'slow-database', run: slowDatabase },
  { id: 'abuse-fuzz', run: abuseFuzz },
  { id: 'memory-soak', run: memorySoak },
];

export function printResult(result: ScenarioResult, write: (line: string) => void = console.log) {
  write(`${result.passed ? 'PASS' : 'FAIL'} ${result.title}: ${result.figure}`);
  for (const violation of result.violations) write(`  ✗ ${violation}`);
  write(`  ${JSON.stringify(result.figures)}`);
}

/** Runs the scenarios (all, or those named) against one environment, started and stopped here. */
export async function runCampaign(
  profile: Profile,
  {
    only,
    write = console.log,
    onStart,
  }: { only?: string[]; write?: (line: string) => void; onStart?: (pinning: string) => void } = {},
): Promise<ScenarioResult[]> {
  const env: CampaignEnvironment = await startCampaignEnvironment(INSTANCES);
  const pinning = env.layout.pinned
    ? `servers on CPU ${env.layout.servers}, load generator on CPU ${env.layout.load}`
    : 'CPUs not pinned';
  onStart?.(pinning);
  write(`campaign (${profile.name}): ${INSTANCES} instances behind HAProxy, PostgreSQL; ${pinning}`);
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of SCENARIOS) {
      if (only && !only.includes(scenario.id)) continue;
      const result = await scenario.run(env, profile);
      printResult(result, write);
      results.push(result);
    }
  } finally {
    await env.stop();
  }
  return results;
}
