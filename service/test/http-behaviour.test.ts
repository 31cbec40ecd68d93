import { PATHS } from '@slipway/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, startTestApp, type TestApp } from './support/test-app.js';

describe('HTTP behaviour shared by every route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('greets with the service name and version on /', async () => {
    const response = await fetch(`${t.url}${PATHS.root}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toMatch(/^Hello from slipway \d+\.\d+\.\d+/);
  });

  it('reports version, commit and build time on /version', async () => {
    const t2 = await startTestApp({ GIT_COMMIT: 'abc1234', BUILD_TIME: '2026-01-02T03:04:05Z' });
    try {
      const body = await bodyOf(await fetch(`${t2.url}${PATHS.version}`));
      expect(body).toMatchObject({ name: 'slipway', commit: 'abc1234', buildTime: '2026-01-02T03:04:05Z' });
      expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    } finally {
      await t2.close();
    }
  });

  it('returns an incoming well-formed x-request-id and uses it in errors and logs', async () => {
    const response = await fetch(`${t.url}/api/users/nope`, { headers: { 'x-request-id': 'lb-trace.42' } });
    expect(response.headers.get('x-request-id')).toBe('lb-trace.42');
    expect((await bodyOf(response)).requestId).toBe('lb-trace.42');
    expect(t.logs.some((line) => line.includes('"reqId":"lb-trace.42"'))).toBe(true);
  });

  it('replaces a malformed x-request-id with a generated one', async () => {
    const response = await fetch(`${t.url}/`, { headers: { 'x-request-id': 'has spaces"and quotes' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a problem+json 404', async () => {
    const response = await fetch(`${t.url}/no/such/route`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await bodyOf(response)).toMatchObject({
      type: 'urn:slipway:problem:route-not-found',
      status: 404,
    });
  });

  it('sends the OWASP REST set of headers on JSON responses, and nothing meant for HTML pages', async () => {
    for (const path of ['/api/users', '/api/users/missing', PATHS.version]) {
      const response = await fetch(`${t.url}${path}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      for (const htmlOnly of [
        'strict-transport-security',
        'cross-origin-opener-policy',
        'origin-agent-cluster',
        'x-dns-prefetch-control',
        'x-download-options',
        'x-permitted-cross-domain-policies',
        'x-xss-protection',
      ]) {
        expect(response.headers.get(htmlOnly), htmlOnly).toBeNull();
      }
    }
  });

  it('gives /docs a CSP that loads Swagger UI from this origin over any scheme', async () => {
    const response = await fetch(`${t.url}${PATHS.docs}/?url=ignored`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).not.toContain('https:');
  });

  it('sends HSTS only when configured (where this process terminates TLS)', async () => {
    const t2 = await startTestApp({ HSTS_MAX_AGE_SECONDS: '31536000' });
    try {
      const response = await fetch(`${t2.url}/api/users`);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await t2.close();
    }
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const spec = await bodyOf(await fetch(`${t.url}${PATHS.openapi}`));
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/users', '/api/users/{id}']));
    expect(spec.paths['/api/users'].post.responses['201']).toBeDefined();
    const ui = await fetch(`${t.url}${PATHS.docs}/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('can switch the docs off', async () => {
    const t2 = await startTestApp({ DOCS_ENABLED: 'false' });
    try {
      expect((await fetch(`${t2.url}${PATHS.openapi}`)).status).toBe(404);
      expect((await fetch(`${t2.url}${PATHS.docs}`)).status).toBe(404);
    } finally {
      await t2.close();
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 with RateLimit headers once the limit is used, but never limits probes', async () => {
    const t = await startTestApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_SECONDS: '60' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${t.url}/api/users`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await fetch(`${t.url}/api/users`);
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
      expect(limited.headers.get('ratelimit-limit')).toBe('3');
      expect(limited.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      expect((await bodyOf(limited)).type).toBe('urn:slipway:problem:rate-limited');
      for (let i = 0; i < 5; i++) {
        expect((await fetch(`${t.url}${PATHS.liveness}`)).status).toBe(200);
        expect((await fetch(`${t.url}${PATHS.readiness}`)).status).toBe(200);
      }
    } finally {
      await t.close();
    }
  });
});

describe('fault injection', () => {
  it('is off by default', async () => {
    const t = await startTestApp({ FAULT_ERROR_RATE: '1' });
    try {
      expect((await fetch(`${t.url}/api/users`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('fails and delays only the chosen routes when enabled', async () => {
    const t = await startTestApp({
      FAULT_INJECTION_ENABLED: 'true',
      FAULT_ERROR_RATE: '1',
      FAULT_DELAY_MS: '150',
      FAULT_ROUTES: '/api/users/:id',
    });
    try {
      const started = performance.now();
      const faulty = await fetch(`${t.url}/api/users/some-id`);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect(faulty.status).toBe(500);
      expect((await bodyOf(faulty)).type).toBe('urn:slipway:problem:fault-injected');
      expect((await fetch(`${t.url}/api/users`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('load shedding', () => {
  it('answers 503 overloaded while the event loop is saturated, counts it, and lets probes through', async () => {
    const t = await startTestApp({ LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '50' });
    try {
      // Saturate the event loop for longer than under-pressure's 1 s sampling interval.
      const until = Date.now() + 1500;
      while (Date.now() < until) {
        /* busy */
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      const shed = await fetch(`${t.url}/api/users`);
      expect(shed.status).toBe(503);
      expect(shed.headers.get('retry-after')).toBe('1');
      expect((await bodyOf(shed)).type).toBe('urn:slipway:problem:overloaded');
      expect((await fetch(`${t.url}${PATHS.liveness}`)).status).toBe(200);
      expect(await t.metrics.loadShed.get()).toMatchObject({
        values: [expect.objectContaining({ value: 1 })],
      });
    } finally {
      await t.close();
    }
  });
});
