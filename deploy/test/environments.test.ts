import { AWS_ENVIRONMENT_NAMES, ENVIRONMENTS, SECRET_SETTINGS } from '@slipway/contract';
import { describe, expect, it } from 'vitest';
import { environments } from '../src/environments/index.js';
import { RELEASES } from '../src/releases.js';
import { configData } from '../src/service/config-map.js';

const all = environments(RELEASES);

describe('the environments', () => {
  it("are the contract's environments, in its order", () => {
    expect(all.map((env) => env.name)).toEqual([...ENVIRONMENTS]);
  });

  it('take their AWS names from the contract', () => {
    for (const env of all.filter((e) => e.aws)) expect(env.aws).toBe(AWS_ENVIRONMENT_NAMES[env.aws!.name]);
  });

  it.each(SECRET_SETTINGS)('refuse %s in the ConfigMap: a secret reaches pods only from a Secret', (name) => {
    const staging = all.find((env) => env.name === 'staging')!;
    const leaking = {
      ...staging,
      settings: { ...staging.settings, [name]: 'a-value-that-must-stay-secret' },
    };
    expect(() => configData(leaking)).toThrow(`environment staging: ${name} is a secret setting`);
  });
});
