/**
 * The rendered HAProxy configuration, run for real (Debian's HAProxy 2.6) on loopback in front of
 * three stand-in API servers: node HTTPS servers answering /readyz and /version (no kube-apiserver
 * runs here). One of them reports not ready, as an API server that lost etcd does: the load
 * balancer must stop sending it connections, while TLS stays end to end (the client verifies the
 * backends' certificate through the load balancer).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithTool, freePort, toolAvailable } from '@slipway/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ClusterDesign, SELF_MANAGED_CLUSTER } from '../src/design/cluster-design.js';
import { designProblems } from '../src/design/design-checks.js';
import { haproxyConfig } from '../src/load-balancer/haproxy-config.js';

const tools = {
  available: toolAvailable('haproxy', ['-v']) && toolAvailable('openssl', ['version']),
  reason: 'haproxy or openssl is not installed (apt-get install haproxy openssl)',
};
const VIP = '127.0.0.10';
const NOT_READY = 'cp-2';

describeWithTool(
  'the API load balancer in front of three API servers (real HAProxy, stand-in servers)',
  tools,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-api-lb-'));
    const servers: Server[] = [];
    let haproxy: ChildProcess;
    const haproxyOutput: string[] = [];
    let design: ClusterDesign;
    let ca: Buffer;

    beforeAll(async () => {
      // The same design on loopback: the machines become 127.0.0.x and the ports free ones.
      design = {
        ...SELF_MANAGED_CLUSTER,
        nodeNetwork: '127.0.0.0/24',
        apiEndpoint: { ...SELF_MANAGED_CLUSTER.apiEndpoint, virtualAddress: VIP, port: await freePort() },
        apiServerBindPort: await freePort(),
        controlPlane: SELF_MANAGED_CLUSTER.controlPlane.map((node, i) => ({
          ...node,
          address: `127.0.0.${11 + i}`,
        })),
        apiLoadBalancers: SELF_MANAGED_CLUSTER.apiLoadBalancers.map((lb, i) => ({
          ...lb,
          address: `127.0.0.${5 + i}`,
        })),
      };
      expect(designProblems(design)).toEqual([]);

      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=kube-apiserver',
          '-addext',
          `subjectAltName=IP:${VIP}`,
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      ca = readFileSync(join(dir, 'cert.pem'));
      for (const node of design.controlPlane) {
        const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, (req, res) => {
          if (req.url === '/readyz') {
            res
              .writeHead(node.name === NOT_READY ? 503 : 200)
              .end(node.name === NOT_READY ? 'etcd: not ok' : 'ok');
          } else
            res
              .writeHead(200, { 'content-type': 'application/json' })
              .end(JSON.stringify({ node: node.name }));
        });
        await new Promise<void>((resolve) => server.listen(design.apiServerBindPort, node.address, resolve));
        servers.push(server);
      }

      // The rendered file, with the one change loopback needs: bind the VIP, not every address.
      const config = haproxyConfig(design).replace(
        `bind *:${design.apiEndpoint.port}`,
        `bind ${VIP}:${design.apiEndpoint.port}`,
      );
      expect(config).toContain(`bind ${VIP}:`);
      writeFileSync(join(dir, 'haproxy.cfg'), config);
      haproxy = spawn('haproxy', ['-db', '-f', join(dir, 'haproxy.cfg')], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      for (const stream of [haproxy.stdout, haproxy.stderr]) {
        stream?.setEncoding('utf8');
        stream?.on('data', (chunk: string) => haproxyOutput.push(...chunk.split('\n').filter(Boolean)));
      }
      // fall 3 × inter 2 s: the unready server is taken out within about 6 s.
      const started = Date.now();
      while (!haproxyOutput.some((l) => l.includes(`kube-apiserver/${NOT_READY} is DOWN`))) {
        if (haproxy.exitCode !== null || Date.now() - started > 20_000)
          throw new Error(
            `HAProxy never marked ${NOT_READY} down (exit ${haproxy.exitCode}, signal ${haproxy.signalCode}):\n${haproxyOutput.join('\n')}\n${readFileSync(join(dir, 'haproxy.cfg'), 'utf8')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }, 60_000);

    afterAll(async () => {
      haproxy?.kill('SIGTERM');
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
      rmSync(dir, { recursive: true, force: true });
    });

    function whoAnswers(): Promise<string> {
      return new Promise((resolve, reject) => {
        const req = request(
          { host: VIP, port: design.apiEndpoint.port, path: '/version', ca, agent: false, timeout: 5_000 },
          (res) => {
            let body = '';
            res
              .setEncoding('utf8')
              .on('data', (c: string) => (body += c))
              .on('end', () => resolve((JSON.parse(body) as { node: string }).node));
          },
        );
        req
          .on('error', reject)
          .on('timeout', () => req.destroy(new Error('timeout')))
          .end();
      });
    }

    it('says why it took the unready API server out (its /readyz answered 503)', () => {
      expect(haproxyOutput.find((l) => l.includes(`${NOT_READY} is DOWN`))).toMatch(/503/);
    });

    it('sends every new connection to a ready API server, TLS verified end to end', async () => {
      const answers: string[] = [];
      for (let i = 0; i < 30; i++) answers.push(await whoAnswers());
      expect(answers).toHaveLength(30);
      expect(answers).not.toContain(NOT_READY);
      expect(new Set(answers)).toEqual(new Set(['cp-1', 'cp-3']));
    });
  },
);
