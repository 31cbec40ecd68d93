/** Debian's amtool (package prometheus-alertmanager) against a configuration file. */
import { spawnSync } from 'node:child_process';

export const AMTOOL_BINARY = 'amtool';

export interface AmtoolResult {
  ok: boolean;
  output: string;
}

function amtool(args: string[]): AmtoolResult & { stdout: string } {
  const result = spawnSync(AMTOOL_BINARY, args, { encoding: 'utf8', timeout: 30_000 });
  return {
    ok: result.status === 0,
    output: `${result.stdout}${result.stderr}`.trim(),
    stdout: result.stdout.trim(),
  };
}

/** `amtool check-config FILE`: the file parses and every route names an existing receiver. */
export function checkConfig(file: string): AmtoolResult {
  return amtool(['check-config', file]);
}

/** `amtool config routes test`: the receivers an alert with these labels is routed to. */
export function routedReceivers(file: string, labels: Record<string, string>): string[] {
  const result = amtool([
    'config',
    'routes',
    'test',
    `--config.file=${file}`,
    ...Object.entries(labels).map(([name, value]) => `${name}=${value}`),
  ]);
  if (!result.ok) throw new Error(`amtool config routes test failed: ${result.output}`);
  // amtool prints the receivers comma-separated on stdout (warnings go to stderr).
  return result.stdout.split(',').map((name) => name.trim());
}
