import { spawn } from 'node:child_process';

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/**
 * Runs a command to completion and collects its output. A non-zero exit is an error naming the
 * command and showing the end of its stderr, unless `allowFailure` is set.
 */
export function runCommand(
  command: string,
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    input?: string;
    timeoutMs?: number;
    allowFailure?: boolean;
    /** Stream stdout/stderr to this process's stderr as it comes (long builds). */
    echo?: boolean;
  } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs).unref();
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${command}: ${error.message}`));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code !== 0 && !options.allowFailure) {
        const tail = (stderr || stdout).trim().split('\n').slice(-25).join('\n');
        reject(new Error(`\`${command} ${args.join(' ')}\` exited with ${code}:\n${tail}`));
        return;
      }
      resolve({ stdout, stderr, code });
    });
    if (options.input !== undefined) {
      // A command that exits without reading its input must not crash this process.
      child.stdin?.on('error', () => {});
      child.stdin?.end(options.input);
    }
  });
}
