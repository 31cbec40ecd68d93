import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { engine } from './engine.js';
import { runCommand } from './run-command.js';

async function gzippedBytes(file: string): Promise<number> {
  let bytes = 0;
  await pipeline(createReadStream(file), createGzip(), async (compressed: AsyncIterable<Buffer>) => {
    for await (const chunk of compressed) bytes += chunk.length;
  });
  return bytes;
}

/**
 * What a registry stores and a node pulls: the config plus every layer gzipped (the default
 * compression of `push`). Computed from `save`, which podman and docker both have, so it needs
 * no registry.
 */
export async function compressedImageSize(image: string): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), 'slipway-image-save-'));
  try {
    const archive = join(directory, 'image.tar');
    await engine(['save', '--output', archive, image], { timeoutMs: 5 * 60_000 });
    const unpacked = join(directory, 'unpacked');
    await runCommand('mkdir', [unpacked]);
    await runCommand('tar', ['-x', '-f', archive, '-C', unpacked]);
    const [manifest] = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as Array<{
      Config: string;
      Layers: string[];
    }>;
    if (!manifest) throw new Error(`${image}: the saved archive has no manifest`);
    let total = statSync(join(unpacked, manifest.Config)).size;
    for (const layer of manifest.Layers) total += await gzippedBytes(join(unpacked, layer));
    return total;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
