/** How the reference servers start: raw node:http and the two bare Fastify peers. */
import { join } from 'node:path';
import { PATHS } from '@slipway/contract';
import type { ServerArguments } from './servers/server-arguments.js';
import type { TargetLaunch } from './target-process.js';

export type PeerKind = 'raw node:http' | 'bare Fastify + node:sqlite' | 'bare Fastify + pg';

const FILES: Record<PeerKind, string> = {
  'raw node:http': 'raw-hello-server.ts',
  'bare Fastify + node:sqlite': 'bare-fastify-sqlite.ts',
  'bare Fastify + pg': 'bare-fastify-postgres.ts',
};

const serversDir = join(import.meta.dirname, 'servers');

export function peerLaunch(kind: PeerKind, cpu: number, args: ServerArguments): TargetLaunch {
  const raw = kind === 'raw node:http';
  return {
    name: kind,
    cpu,
    // tsx only loads the TypeScript; once the server runs, nothing of it is on the request path.
    nodeArgs: ['--import', 'tsx', join(serversDir, FILES[kind]), JSON.stringify(args)],
    cwd: serversDir,
    env: { PATH: process.env.PATH ?? '' },
    port: args.port,
    // The peers have no probes: a 404 for an unknown user means the routes and database are up.
    readyPath: raw ? PATHS.root : `${PATHS.users}/readiness-check`,
    readyStatus: raw ? 200 : 404,
  };
}
