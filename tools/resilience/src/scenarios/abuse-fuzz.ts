import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '@slipway/contract';
import fc from 'fast-check';
import { type FuzzRequest, fuzzRequests } from '../abuse/fuzz-requests.js';
import { operationsOf } from '../abuse/openapi-operations.js';
import { type Exchange, exchange, type RawResponse, serialize } from '../abuse/raw-http.js';
import { contractViolations, userViolations } from '../abuse/response-contract.js';
import { ruleBook, type Scenario } from './scenario.js';

/** Longer than any answer takes (REQUEST_TIMEOUT_SECONDS is 10 s): past it a connection is hung. */
const HUNG_AFTER_MS = 15_000;
const BATCH = 500;
const SEED_USERS = 20;

/**
 * Property-based abuse of one instance (straight, not through HAProxy, whose own answers to
 * broken HTTP are the load balancer's and not the service's): requests generated from the
 * service's OpenAPI document, mostly valid so they reach handlers and the database, each part
 * sometimes hostile (bad encodings, huge parameters, headers and bodies, prototype-pollution
 * keys, wrong content types, random methods, both framings at once).
 * Pass: no 5xx, no hung or dropped connection, every error problem+json with its request id and
 * the same headers as any other error, every stored user within the contract, and the database
 * holds exactly what the acknowledged creates and deletes say.
 */
export const abuseFuzz: Scenario = async (env, profile) => {
  const rules = ruleBook();
  const target = env.instances[0]!;
  const document = (await fetch(`${target.url}${PATHS.openapi}`).then((r) => r.json())) as Parameters<
    typeof operationsOf
  >[0];
  const operations = operationsOf(document);
  const get = (path: string) =>
    exchange(
      target.port,
      {
        method: 'GET',
        target: path,
        headers: [
          ['Host', '127.0.0.1'],
          ['Connection', 'close'],
        ],
        body: Buffer.alloc(0),
      },
      HUNG_AFTER_MS,
    );
  const reference = (await get(`${PATHS.users}/00000000-0000-0000-0000-000000000000`)) as RawResponse;
  rules.check(
    reference.status === 404,
    `reference request answered ${JSON.stringify(reference).slice(0, 80)}`,
  );

  const knownIds: string[] = [];
  for (let i = 0; i < SEED_USERS; i++) {
    const created = await fetch(`${target.url}${PATHS.users}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ dni: `FZ${Date.now().toString(36).slice(-6)}${i}`, name: `fuzz seed ${i}` }),
    });
    knownIds.push(((await created.json()) as { id: string }).id);
  }
  const [{ count: before }] = (await env.database.query<{ count: string }>('select count(*) from users')) as [
    { count: string },
  ];

  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const arbitrary = fuzzRequests({ operations, token: env.token, knownIds });
  const statuses: Record<string, number> = {};
  /** One example request per distinct kind of violation. */
  const examples = new Map<string, string>();
  let violating = 0;
  let errors = 0;
  let created = 0;
  let deleted = 0;
  let sent = 0;
  const started = performance.now();

  const record = (request: FuzzRequest, result: Exchange) => {
    const key = 'error' in result ? result.error : String(result.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (!('error' in result)) {
      if (result.status >= 400) errors++;
      if (request.method === 'POST' && result.status === 201) created++;
      if (request.method === 'DELETE' && result.status === 204) deleted++;
    }
    const violations = contractViolations(request.method, result, reference);
    if (violations.length > 0) {
      violating++;
      // FUZZ_DUMP_DIR=folder keeps each offending request byte for byte, to replay it (nc, curl).
      if (process.env.FUZZ_DUMP_DIR) {
        mkdirSync(process.env.FUZZ_DUMP_DIR, { recursive: true });
        writeFileSync(join(process.env.FUZZ_DUMP_DIR, `${violating}.http`), serialize(request));
      }
      const kind = violations.join(', ');
      if (!examples.has(kind) && examples.size < 20) {
        const answer = 'error' in result ? result.error : `${result.status} ${result.body.slice(0, 160)}`;
        const sentAs = `${request.method} ${request.target.slice(0, 120)} (${request.headers
          .map(([n, v]) => `${n}: ${v.slice(0, 40)}`)
          .join('; ')
          .slice(0, 300)})`;
        examples.set(kind, `${request.label}: ${sentAs} → ${answer}`);
      }
    }
  };

  for (let batch = 0; sent < profile.fuzzRequests; batch++) {
    const requests = fc.sample(arbitrary, {
      numRuns: Math.min(BATCH, profile.fuzzRequests - sent),
      seed: (seed * 7_919 + batch) % 2 ** 31,
    });
    let next = 0;
    await Promise.all(
      Array.from({ length: profile.fuzzConcurrency }, async () => {
        while (next < requests.length) {
          const request = requests[next++]!;
          record(request, await exchange(target.port, request, HUNG_AFTER_MS));
        }
      }),
    );
    sent += requests.length;
  }
  const seconds = (performance.now() - started) / 1000;

  const [{ count: after }] = (await env.database.query<{ count: string }>('select count(*) from users')) as [
    { count: string },
  ];
  const rows = await env.database.query<{ id: string; dni: string; name: string }>(
    'select id, dni, name from users',
  );
  const badRows = rows.filter((row) => userViolations({ ...row, createdAt: '', updatedAt: '' }).length > 0);
  const expectedRows = Number(before) + created - deleted;
  const healthy = ((await get(PATHS.liveness)) as RawResponse).status;
  const serverErrors = Object.entries(statuses)
    .filter(([status]) => Number(status) >= 500)
    .reduce((sum, [, n]) => sum + n, 0);
  const hung = (statuses.hung ?? 0) + (statuses['closed without a response'] ?? 0);
  rules.check(serverErrors === 0, `${serverErrors} answers were 5xx`);
  rules.check(hung === 0, `${hung} connections hung or closed without an answer`);
  rules.check(
    violating === 0,
    `${violating} answers broke the contract:\n${[...examples].map(([kind, example]) => `    ${kind} ← ${example}`).join('\n')}`,
  );
  rules.check(
    Number(after) === expectedRows,
    `the database holds ${after} users, acknowledged writes say ${expectedRows}`,
  );
  rules.check(
    badRows.length === 0,
    `${badRows.length} stored users break the contract: ${JSON.stringify(badRows.slice(0, 2))}`,
  );
  rules.check(healthy === 200, `${PATHS.liveness} answered ${healthy} after the fuzz`);
  rules.check(env.unexpectedExits().length === 0, env.unexpectedExits().join('; '));
  return {
    id: 'abuse-fuzz',
    title: `Abuse fuzz from the OpenAPI document, ${sent.toLocaleString('en')} requests`,
    figure: `${serverErrors} × 5xx, ${hung} hung, ${violating} contract violations among ${errors} error answers; ${created} creates and ${deleted} deletes acknowledged, database matches: ${Number(after) === expectedRows ? 'yes' : 'no'} (seed ${seed})`,
    passed: rules.violations.length === 0,
    violations: rules.violations,
    figures: {
      requests: sent,
      seed,
      requestsPerSecond: Math.round(sent / seconds),
      errorAnswers: errors,
      serverErrors,
      hung,
      contractViolations: violating,
      created,
      deleted,
      statuses: JSON.stringify(statuses),
    },
  };
};
