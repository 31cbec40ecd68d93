import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectEngine, engine, engineEnvironment } from './engine.js';
import { runCommand } from './run-command.js';

export interface ImageFacts {
  user: string;
  workdir: string;
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  labels: Record<string, string>;
  exposedPorts: number[];
  /** Number of filesystem layers. */
  layers: number;
  /** Uncompressed size in bytes, as the engine reports it. */
  size: number;
}

interface InspectJson {
  Config?: {
    User?: string;
    WorkingDir?: string;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, unknown> | null;
  };
  RootFS?: { Layers?: string[] };
  Size?: number;
}

/** The image's configuration as both podman and docker report it. */
export async function inspectImage(image: string): Promise<ImageFacts> {
  const { stdout } = await engine(['image', 'inspect', image]);
  const [json] = JSON.parse(stdout) as InspectJson[];
  if (!json) throw new Error(`no such image: ${image}`);
  const config = json.Config ?? {};
  return {
    user: config.User ?? '',
    workdir: config.WorkingDir ?? '',
    entrypoint: config.Entrypoint ?? [],
    cmd: config.Cmd ?? [],
    env: Object.fromEntries(
      (config.Env ?? []).map((entry) => [
        entry.slice(0, entry.indexOf('=')),
        entry.slice(entry.indexOf('=') + 1),
      ]),
    ),
    labels: config.Labels ?? {},
    exposedPorts: Object.keys(config.ExposedPorts ?? {}).map((key) => Number.parseInt(key, 10)),
    layers: json.RootFS?.Layers?.length ?? 0,
    size: json.Size ?? 0,
  };
}

/**
 * Unpacks the image's filesystem (all layers applied) into a new temporary folder and returns
 * it, via a created-not-started container and `export`, which podman and docker both have.
 */
export async function exportImageFilesystem(image: string): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'slipway-image-fs-'));
  const { stdout } = await engine(['create', image]);
  const id = stdout.trim().split('\n').pop() ?? '';
  try {
    const { command } = await detectEngine();
    await runCommand('sh', ['-c', `"$0" export "$1" | tar -x -C "$2"`, command, id, directory], {
      env: engineEnvironment(),
    });
  } finally {
    await engine(['rm', '--force', id], { allowFailure: true });
  }
  return directory;
}
