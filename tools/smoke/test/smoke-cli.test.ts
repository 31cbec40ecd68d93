import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PATHS } from '@slipway/contract';
import { describeWithTool, type ServiceProcess, startServiceProcess, toolAvailable } from '@slipway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeIngress } from './fake-ingress.js';
import { runSmokeCli } from './run-smoke-cli.js';
import { createTestCertificates, type TestCertificates } from './test-certificates.js';

// At least 32 characters: the service refuses shorter API tokens.
const TOKEN = 'smoke-test-token-7c1e4b-0123456789abcdef';
const COMMIT = '3f2a9c1d7e5b4a6c8d0e1f2a3b4c5d6e7f8a9b0c';

const failures = (checks: string[]) => checks.filter((line) => line.startsWith('FAIL'));

let service: ServiceProcess;

beforeAll(async () => {
  service = await startServiceProcess({ API_TOKENS: TOKEN, GIT_COMMIT: COMMIT, SHUTDOWN_DRAIN_SECONDS: '0' });
});

afterAll(async () => {
  await service?.stop();
});

describe('smoke CLI against the real service', () => {
  it('passes every check, leaves no user behind and exits 0 with the token set', async () => {
    const run = await runSmokeCli([service.url], { SMOKE_API_TOKEN: TOKEN });

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(failures(run.checks)).toEqual([]);
    for (const check of [
      'GET / answers 200',
      'GET /healthz answers 200',
      'GET /readyz answers 200',
      `GET /version reports the build — version`,
      'header content-security-policy on /',
      'header x-content-type-options on / — nosniff',
      'a write without a token is refused',
      'create a user (POST answers 201 with Location)',
      'read the user back',
      'delete the user (204)',
      'the deleted user is gone (404)',
      '/metrics is not reachable publicly',
      '/config reveals no secret',
    ]) {
      expect(
        run.checks.some((line) => line.startsWith(`PASS  ${check}`)),
        `${check}\n${run.stdout}`,
      ).toBe(true);
    }
    const users = (await (await fetch(`${service.url}${PATHS.users}`)).json()) as {
      items: { dni: string }[];
    };
    expect(users.items.filter((user) => user.dni.startsWith('SMOKE-'))).toEqual([]);
    // The service does serve metrics, on its own port: the check above is about routing, not absence.
    expect((await fetch(`${service.metricsUrl}${PATHS.metrics}`)).status).toBe(200);
  });

  it('fails the user round trip with a hint when the token is missing', async () => {
    const run = await runSmokeCli([service.url]);

    expect(run.code).toBe(1);
    expect(failures(run.checks)).toEqual([
      expect.stringMatching(/^FAIL {2}create a user .* answered 401 .*set SMOKE_API_TOKEN/),
    ]);
  });

  it('reports the commit it waited for, and fails when another commit is running', async () => {
    const same = await runSmokeCli([service.url, '--expect-commit', COMMIT.slice(0, 12), '--wait', '5'], {
      SMOKE_API_TOKEN: TOKEN,
    });
    expect(same.code, same.stdout).toBe(0);
    expect(same.checks[0]).toMatch(/^PASS {2}rollout of 3f2a9c1d7e5b finished/);

    const other = await runSmokeCli([service.url, '--expect-commit', 'deadbeef', '--wait', '1'], {
      SMOKE_API_TOKEN: TOKEN,
    });
    expect(other.code).toBe(1);
    expect(failures(other.checks)).toEqual([
      expect.stringMatching(/^FAIL {2}rollout of deadbeef finished — not within 1 s/),
      expect.stringMatching(/^FAIL {2}GET \/version reports the build — .*expected commit deadbeef/),
    ]);
  });

  it('exits 2 with the usage when the URL is not a URL', async () => {
    const run = await runSmokeCli(['api.example.com']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"api.example.com" is not a URL');
    expect(run.stderr).toContain('usage: npm run smoke -- <url>');
  });
});

describe('smoke CLI catches ingress mistakes (a fake ingress in front of the real service)', () => {
  it('fails when /metrics is routed to the metrics port through the public URL', async () => {
    const ingress = await startFakeIngress({
      upstream: service.url,
      routes: { [PATHS.metrics]: service.metricsUrl },
    });
    try {
      const run = await runSmokeCli([ingress.url], { SMOKE_API_TOKEN: TOKEN });

      expect(run.code).toBe(1);
      expect(failures(run.checks)).toEqual([
        expect.stringMatching(
          /^FAIL {2}\/metrics is not reachable publicly — GET \/metrics answered 200 .*routed publicly/,
        ),
      ]);
    } finally {
      await ingress.close();
    }
  });

  it('fails when a proxy drops a security header', async () => {
    const ingress = await startFakeIngress({
      upstream: service.url,
      dropHeaders: ['content-security-policy'],
    });
    try {
      const run = await runSmokeCli([ingress.url], { SMOKE_API_TOKEN: TOKEN });

      expect(run.code).toBe(1);
      expect(failures(run.checks)).toEqual(['FAIL  header content-security-policy on / — missing']);
    } finally {
      await ingress.close();
    }
  });
});

describe('smoke CLI against a fake service that leaks its configuration', () => {
  it('fails when /config shows the token or a secret value', async () => {
    // A stand-in for a build that forgot to redact /config; every other path is the real service.
    const leaky = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ API_TOKENS: TOKEN, SECRET_KEY: 'set' }));
    });
    await new Promise<void>((resolve) => leaky.listen(0, '127.0.0.1', resolve));
    const ingress = await startFakeIngress({
      upstream: service.url,
      routes: { [PATHS.config]: `http://127.0.0.1:${(leaky.address() as AddressInfo).port}` },
    });
    try {
      const withToken = await runSmokeCli([ingress.url], { SMOKE_API_TOKEN: TOKEN });
      const withoutToken = await runSmokeCli([ingress.url]);

      expect(failures(withToken.checks)).toEqual([
        'FAIL  /config reveals no secret — the API token from SMOKE_API_TOKEN is in the answer',
      ]);
      expect(failures(withoutToken.checks)).toContainEqual(
        'FAIL  /config reveals no secret — values shown for API_TOKENS',
      );
    } finally {
      await ingress.close();
      leaky.closeAllConnections();
      await new Promise((resolve) => leaky.close(resolve));
    }
  });
});

describeWithTool(
  'smoke CLI over https (a fake TLS-terminating ingress in front of the real service)',
  { available: toolAvailable('openssl', ['version']), reason: 'openssl is not installed' },
  () => {
    let certificates: TestCertificates;

    beforeAll(() => {
      certificates = createTestCertificates(30);
    });

    afterAll(() => certificates?.remove());

    it('passes with a trusted certificate, reports its expiry and requires HSTS', async () => {
      const ingress = await startFakeIngress({ upstream: service.url, tls: certificates });
      try {
        const run = await runSmokeCli([ingress.url], {
          SMOKE_API_TOKEN: TOKEN,
          NODE_EXTRA_CA_CERTS: certificates.caFile,
        });

        expect(run.code, run.stdout).toBe(0);
        expect(run.checks[0]).toMatch(
          /^PASS {2}TLS certificate is valid — expires \d{4}-\d\d-\d\d \((29|30) days\)/,
        );
        expect(run.checks).toContainEqual(
          expect.stringMatching(/^PASS {2}header strict-transport-security on \/ — max-age=/),
        );
      } finally {
        await ingress.close();
      }
    });

    it('fails every check when the certificate is not trusted', async () => {
      const ingress = await startFakeIngress({ upstream: service.url, tls: certificates });
      try {
        const run = await runSmokeCli([ingress.url], { SMOKE_API_TOKEN: TOKEN });

        expect(run.code).toBe(1);
        expect(run.checks[0]).toMatch(/^FAIL {2}TLS certificate is valid — UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
        expect(run.checks.filter((line) => line.startsWith('PASS'))).toEqual([]);
      } finally {
        await ingress.close();
      }
    });

    it('fails when the certificate expires sooner than --min-cert-days', async () => {
      const ingress = await startFakeIngress({ upstream: service.url, tls: certificates });
      try {
        const run = await runSmokeCli([ingress.url, '--min-cert-days', '45'], {
          SMOKE_API_TOKEN: TOKEN,
          NODE_EXTRA_CA_CERTS: certificates.caFile,
        });

        expect(run.code).toBe(1);
        expect(failures(run.checks)).toEqual([
          expect.stringMatching(
            /^FAIL {2}TLS certificate is valid — expires .*renew it: fewer than 45 days left/,
          ),
        ]);
      } finally {
        await ingress.close();
      }
    });
  },
);
