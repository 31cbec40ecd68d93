/** A `uses:` line of a workflow: the action, the ref and the version comment beside it. */
export interface ActionReference {
  line: number;
  /** e.g. actions/checkout or github/codeql-action/init */
  action: string;
  /** owner/repo: what the ref belongs to. */
  repository: string;
  ref: string;
  /** The `# v1.2.3` comment, without the hash; undefined when there is none. */
  versionComment?: string;
}

const USES_LINE = /^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)["']?\s*(?:#\s*(\S+))?/;

/** Every third-party `uses:` in a workflow text (local `./` actions and workflows are left out). */
export function actionReferences(text: string): ActionReference[] {
  return text.split('\n').flatMap((content, index) => {
    const match = USES_LINE.exec(content);
    if (!match || match[1]!.startsWith('./')) return [];
    const [action = '', ref = ''] = match[1]!.split('@');
    return [
      {
        line: index + 1,
        action,
        repository: action.split('/').slice(0, 2).join('/'),
        ref,
        ...(match[2] === undefined ? {} : { versionComment: match[2] }),
      },
    ];
  });
}

export const FULL_SHA = /^[0-9a-f]{40}$/;
/** v1, v1.2, v1.2.3 (the release the SHA was resolved from). */
export const VERSION_COMMENT = /^v\d+(\.\d+){0,2}$/;
