import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

/** True when `command` runs (exit code 0) with `args`, e.g. `toolAvailable('podman', ['--version'])`. */
export function toolAvailable(command: string, args: string[] = ['--version']): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 15_000 });
  return result.status === 0;
}

export const isCI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * `describe` for a suite that needs an external tool. On a laptop without the tool the suite is
 * skipped with a one-line reason; under CI=true a missing tool is a failing test, never a skip.
 */
export function describeWithTool(
  name: string,
  tool: { available: boolean; reason: string },
  body: () => void,
): void {
  if (tool.available) {
    describe(name, body);
  } else if (isCI) {
    describe(name, () => {
      it('has the tools it needs (required in CI)', () => {
        throw new Error(`${tool.reason} — CI must install it (see tools/ci/install-system-packages.sh)`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: ${tool.reason})`, body);
  }
}
