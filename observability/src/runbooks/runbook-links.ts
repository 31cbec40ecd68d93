/**
 * Every alert links to `docs/runbooks/<alert name>.md` in the repository; a test checks that the
 * file exists and says what to check and what to do.
 */
import { REPOSITORY } from '@slipway/contract';

export const RUNBOOKS_DIR = 'docs/runbooks';

export function runbookPath(alertName: string): string {
  return `${RUNBOOKS_DIR}/${alertName}.md`;
}

export function runbookUrl(alertName: string): string {
  const web = REPOSITORY.url.replace(/\.git$/, '');
  return `${web}/blob/${REPOSITORY.mainBranch}/${runbookPath(alertName)}`;
}
