import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioResult } from './scenarios/scenario.js';

export const RESULTS_DOC = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/resilience.md');

/** Replaces what sits between `<!-- name:start ... -->` and `<!-- name:end -->` in docs/resilience.md. */
export function writeSection(name: string, markdown: string, path = RESULTS_DOC) {
  const text = readFileSync(path, 'utf8');
  const start = new RegExp(`<!-- ${name}:start[^>]*-->`);
  const end = `<!-- ${name}:end -->`;
  const from = text.search(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`${path} has no ${name} markers`);
  const opening = start.exec(text)![0];
  writeFileSync(path, `${text.slice(0, from)}${opening}\n${markdown.trim()}\n${text.slice(to)}`);
}

export function machineLine(pinned: string): string {
  // cpus(), not availableParallelism(): this process is pinned to one CPU by now.
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${pinned}; ${new Date().toISOString().slice(0, 10)}`;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function scenarioTable(results: ScenarioResult[], command: string): string {
  return [
    '| Scenario | Result | Figure | Command |',
    '| --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${cell(r.title)} | ${r.passed ? 'pass' : `**fail**: ${cell(r.violations.join('; '))}`} | ${cell(r.figure)} | \`${command}\` |`,
    ),
  ].join('\n');
}
