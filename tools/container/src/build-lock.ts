import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lockDirectory = join(tmpdir(), 'slipway-image-build.lock');

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(lockDirectory, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `body` while holding a lock shared by every process on this machine, so parallel test
 * files (and other workspaces' suites) build the image once instead of racing on 2 cores.
 * A lock left by a process that died is taken over. Written here because `flock` is not on every
 * laptop and the lock must work across Vitest's worker processes.
 */
export async function withImageBuildLock<T>(body: () => Promise<T>, timeoutMs = 15 * 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lockDirectory);
      writeFileSync(join(lockDirectory, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A holder that has not written its pid yet gets a moment before it is judged dead.
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (!holderAlive()) {
        try {
          readFileSync(join(lockDirectory, 'pid'));
          rmSync(lockDirectory, { recursive: true, force: true });
        } catch {
          // pid file still missing: the holder may be between mkdir and write; wait on.
        }
      }
      if (Date.now() - started > timeoutMs) {
        throw new Error(
          `waited ${timeoutMs / 1000} s for the image build lock ${lockDirectory}; remove it if no build runs`,
        );
      }
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lockDirectory, { recursive: true, force: true });
  }
}
