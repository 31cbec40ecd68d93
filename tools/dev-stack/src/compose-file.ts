/** compose.yaml, read as data: for the bring-up (published ports) and the checks. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { COMPOSE_FILE } from './paths.js';

export interface ComposeService {
  image: string;
  environment?: Record<string, string>;
  secrets?: string[];
  ports?: string[];
  volumes?: string[];
  tmpfs?: string[];
  user?: string;
  read_only?: boolean;
  cap_drop?: string[];
  security_opt?: string[];
  mem_limit?: string;
  pids_limit?: number;
  depends_on?: Record<string, { condition: string }> | string[];
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  secrets?: Record<string, { file: string }>;
  volumes?: Record<string, object>;
}

export function readComposeFile(path = COMPOSE_FILE): ComposeFile {
  return parse(readFileSync(path, 'utf8')) as ComposeFile;
}

export interface PublishedPort {
  hostAddress: string;
  /** The variable that overrides the host port, e.g. SLIPWAY_PORT. */
  variable: string;
  defaultHostPort: number;
  containerPort: number;
}

const PUBLISHED = /^(?<address>[\d.]+):\$\{(?<variable>[A-Z_]+):-(?<port>\d+)\}:(?<container>\d+)$/;

/** `127.0.0.1:${SLIPWAY_PORT:-8080}:8080` → its parts; throws on any other form. */
export function publishedPort(spec: string): PublishedPort {
  const match = PUBLISHED.exec(spec);
  if (!match?.groups)
    throw new Error(
      `compose.yaml: port ${JSON.stringify(spec)} is not of the form 127.0.0.1:\${NAME:-port}:port (loopback, overridable)`,
    );
  return {
    hostAddress: match.groups.address!,
    variable: match.groups.variable!,
    defaultHostPort: Number(match.groups.port),
    containerPort: Number(match.groups.container),
  };
}

/** The host port a published container port is reachable on now: the override or the default. */
export function hostPort(
  compose: ComposeFile,
  service: string,
  containerPort: number,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const port = (compose.services[service]?.ports ?? [])
    .map(publishedPort)
    .find((p) => p.containerPort === containerPort);
  if (!port) throw new Error(`compose.yaml: service ${service} does not publish port ${containerPort}`);
  const override = env[port.variable];
  return override ? Number(override) : port.defaultHostPort;
}
