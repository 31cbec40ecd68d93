import { describeWithTool, toolAvailable } from '@slipway/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { INSTANCES, printResult, SCENARIOS } from '../src/campaign.js';
import { type CampaignEnvironment, startCampaignEnvironment } from '../src/fleet/campaign-environment.js';
import { PROFILES } from '../src/scenarios/scenario.js';

// The CI variant of `npm run chaos`: every scenario against the real parts (HAProxy from Debian,
// the bundled service, PostgreSQL), with a 60 s soak and 10 000 fuzzed requests.
const TIMEOUTS_MS: Record<string, number> = {
  'rolling-replacement': 120_000,
  'abuse-fuzz': 300_000,
  'memory-soak': 240_000,
};

describeWithTool(
  'fault and abuse campaign, CI sizes (HAProxy, several instances of the bundle, PostgreSQL)',
  { available: toolAvailable('haproxy', ['-v']), reason: 'haproxy is not installed' },
  () => {
    let env: CampaignEnvironment;
    beforeAll(async () => {
      env = await startCampaignEnvironment(INSTANCES);
    }, 180_000);
    afterAll(async () => {
      await env?.stop();
    });

    for (const scenario of SCENARIOS) {
      it(
        scenario.id,
        async () => {
          const result = await scenario.run(env, PROFILES.ci);
          printResult(result);
          expect(result.violations).toEqual([]);
        },
        TIMEOUTS_MS[scenario.id] ?? 90_000,
      );
    }
  },
);
