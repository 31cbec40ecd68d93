/** Command-line options of `npm run cluster:local -- [--repo URL] [--revision REV] [--port N] [--wait]`. */
import { parseArgs } from 'node:util';
import { DEFAULT_HOST_PORT } from './kind-config.js';
import { DEFAULT_REPO_URL } from './root-application.js';

export interface CliOptions {
  repoURL: string;
  /** undefined: the current commit (it must be pushed, ArgoCD reads it from the remote). */
  revision?: string;
  hostPort: number;
  wait: boolean;
}

export const USAGE =
  'usage: npm run cluster:local -- [--repo <git url>] [--revision <commit|branch>] [--port <host port>] [--wait]';

export function parseCliOptions(argv: string[]): CliOptions {
  let values: { repo?: string; revision?: string; port?: string; wait?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        repo: { type: 'string' },
        revision: { type: 'string' },
        port: { type: 'string' },
        wait: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const hostPort = values.port === undefined ? DEFAULT_HOST_PORT : Number(values.port);
  if (!Number.isInteger(hostPort) || hostPort < 1 || hostPort > 65535) {
    throw new Error(`--port must be a TCP port number (got "${values.port}")\n${USAGE}`);
  }
  return {
    repoURL: values.repo ?? DEFAULT_REPO_URL,
    ...(values.revision ? { revision: values.revision } : {}),
    hostPort,
    wait: values.wait ?? false,
  };
}
