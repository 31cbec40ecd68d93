import { detectEngine, engine } from './engine.js';

/**
 * Saves the image as an OCI archive at `output`. podman writes the OCI format natively; docker's
 * `save` (Engine 25+) writes the OCI layout.
 */
export async function saveOciArchive(image: string, output: string): Promise<void> {
  const { command } = await detectEngine();
  const format = command === 'podman' ? ['--format', 'oci-archive'] : [];
  await engine(['save', ...format, '--output', output, image], { timeoutMs: 5 * 60_000 });
}
