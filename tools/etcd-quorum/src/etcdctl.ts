/** `etcdctl` (Debian's `etcd-client`) with the v3 API, as an operator would run it. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const ETCDCTL_BINARY = 'etcdctl';

const run = promisify(execFile);

export async function etcdctl(args: string[], timeoutMs = 15_000): Promise<string> {
  try {
    const { stdout } = await run(ETCDCTL_BINARY, args, {
      env: { ...process.env, ETCDCTL_API: '3' },
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${ETCDCTL_BINARY} ${args.join(' ')} failed: ${stderr?.trim() || message}`);
  }
}

/** Every key under `prefix` with its value, read with `etcdctl get --prefix -w json`. */
export async function readPrefix(clientUrl: string, prefix: string): Promise<Map<string, string>> {
  const out = await etcdctl([`--endpoints=${clientUrl}`, 'get', '--prefix', prefix, '--write-out=json']);
  const { kvs = [] } = JSON.parse(out) as { kvs?: { key: string; value: string }[] };
  const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
  return new Map(kvs.map((kv) => [decode(kv.key), decode(kv.value)]));
}
