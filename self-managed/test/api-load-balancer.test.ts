import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithTool, toolAvailable } from '@slipway/testing';
import { afterAll, expect, it } from 'vitest';
import { SELF_MANAGED_CLUSTER } from '../src/design/cluster-design.js';
import { haproxyConfig } from '../src/load-balancer/haproxy-config.js';

const scratch = mkdtempSync(join(tmpdir(), 'slipway-haproxy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function haproxyCheck(config: string): { status: number | null; output: string } {
  const file = join(scratch, `haproxy-${Math.random().toString(36).slice(2)}.cfg`);
  writeFileSync(file, config);
  const result = spawnSync('haproxy', ['-c', '-f', file], { encoding: 'utf8', timeout: 15_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describeWithTool(
  'the API load balancer configuration (real haproxy -c)',
  {
    available: toolAvailable('haproxy', ['-v']),
    reason: 'haproxy is not installed (apt-get install haproxy)',
  },
  () => {
    it('is valid HAProxy configuration', () => {
      const result = haproxyCheck(haproxyConfig(SELF_MANAGED_CLUSTER));
      expect(result.output).toContain('Configuration file is valid');
      expect(result.status).toBe(0);
    });

    it('sends the endpoint port to every control-plane API server, health-checked on /readyz', () => {
      const config = haproxyConfig(SELF_MANAGED_CLUSTER);
      expect(config).toContain(`bind *:${SELF_MANAGED_CLUSTER.apiEndpoint.port}`);
      const servers = [...config.matchAll(/^ {2}server (\S+) (\S+)$/gm)].map(([, name, target]) => ({
        name,
        target,
      }));
      expect(servers).toEqual(
        SELF_MANAGED_CLUSTER.controlPlane.map((n) => ({
          name: n.name,
          target: `${n.address}:${SELF_MANAGED_CLUSTER.apiServerBindPort}`,
        })),
      );
      expect(config).toMatch(/http-check send meth GET uri \/readyz/);
    });

    it('would catch a broken configuration (haproxy -c fails)', () => {
      const broken = haproxyConfig(SELF_MANAGED_CLUSTER).replace('default_backend', 'defaultbackend');
      expect(haproxyCheck(broken).status).not.toBe(0);
    });
  },
);
