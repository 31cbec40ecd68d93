import { describe, expect, it } from 'vitest';
import { cdkArguments } from '../scripts/cdk-command.js';

describe('the cdk command wrapper (npm run synth | diff | deploy | destroy)', () => {
  it('synthesizes every stack offline', () => {
    expect(cdkArguments('synth', [])).toEqual(['synth', '--quiet', '--no-notices', '--no-lookups']);
  });

  it("selects one environment's stacks for diff and deploy, passing extra flags through", () => {
    expect(cdkArguments('diff', ['staging', '--fail'])).toEqual([
      'diff',
      'slipway-staging-*',
      '--method',
      'template',
      '--no-notices',
      '--no-lookups',
      '--fail',
    ]);
    expect(cdkArguments('deploy', ['production']).slice(0, 4)).toEqual([
      'deploy',
      'slipway-production-*',
      '--require-approval',
      'never',
    ]);
  });

  it('rejects an unknown environment with the valid names', () => {
    expect(() => cdkArguments('deploy', ['prod'])).toThrow(
      /Unknown environment "prod": expected one of staging, production/,
    );
    expect(() => cdkArguments('deploy', [])).toThrow(/Unknown environment/);
    expect(() => cdkArguments('bootstrap', [])).toThrow(/use synth, diff, deploy or destroy/);
  });
});
