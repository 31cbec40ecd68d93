import fc from 'fast-check';

/** Hostile pieces the fuzz mixes into otherwise well-formed requests. */

export const BAD_ENCODINGS = [
  '%',
  '%z',
  '%zz',
  '%c0%af',
  '%ff%fe',
  '%00',
  '%e0%a4%a',
  '%%',
  '%u0041',
  '%2e%2e%2f',
  '%0d%0a',
];

export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  'toString',
  'hasOwnProperty',
];

export const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'SEARCH',
  'QUERY',
  'LOCK',
  'FOO',
  'get',
  'CONNECT',
];

export const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/problem+json',
  'APPLICATION/JSON',
  'application/jsonx',
  'application/json; charset=latin1; x=y',
  '',
  'application/json\u0000',
  '*/*',
];

/** Sizes around the limits: the body limit is 16 KiB, the header limit 16 KiB, the param limit 100. */
export const huge = fc.constantFrom(101, 1_000, 8_000, 17_000, 70_000).map((n) => 'a'.repeat(n));

/** A path segment where an id goes. */
export function hostileSegment(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...BAD_ENCODINGS),
    fc.constantFrom(...BAD_ENCODINGS).map((bad) => `abc${bad}def`),
    huge.map((s) => s.slice(0, 5_000)),
    fc.constantFrom(...PROTOTYPE_KEYS),
    fc.constantFrom('..', '.', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%2F', ';', '*', '~', ' ', '\t'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map((s) => encodeURIComponent(s)),
  );
}

/** A raw query string (without `?`). */
export function hostileQuery(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...PROTOTYPE_KEYS).map((key) => `${key}[polluted]=yes&limit=5`),
    fc.constant('constructor[prototype][polluted]=yes'),
    fc.constant('__proto__.polluted=yes'),
    fc.constant('limit=1&limit=2&limit=3'),
    fc.constant('limit[]=1'),
    fc.constantFrom(
      'limit=-1',
      'limit=0',
      'limit=1e3',
      'limit=0x10',
      'limit=NaN',
      'limit=99999999999999999999',
    ),
    fc.constantFrom(...BAD_ENCODINGS).map((bad) => `cursor=${bad}`),
    huge.map((s) => `cursor=${s.slice(0, 6_000)}`),
    fc.constant('cursor=..'),
    fc.string({ unit: 'binary', maxLength: 30 }).map((s) => encodeURIComponent(s)),
  );
}

/** A raw body for an operation that takes JSON. */
export function hostileBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    // Prototype pollution and unknown keys next to valid fields.
    fc.tuple(valid, fc.constantFrom(...PROTOTYPE_KEYS)).map(([value, key]) => {
      const json = JSON.stringify(value ?? {});
      const extra = `"${key}":{"polluted":true,"isAdmin":true}`;
      return json.startsWith('{') && json.length > 2 ? `{${extra},${json.slice(1)}` : `{${extra}}`;
    }),
    fc.constant('{"constructor":{"prototype":{"polluted":true}},"dni":"12345678Z","name":"x"}'),
    // Wrong types and shapes.
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
    fc.constantFrom(
      'null',
      '[]',
      '""',
      '0',
      'true',
      '{}',
      '{"dni":null,"name":null}',
      '{"dni":12345678,"name":["a"]}',
    ),
    // Not JSON, or JSON at the edges of parsers.
    fc.constantFrom(
      '',
      '{',
      '{"dni":',
      "{'dni':'x'}",
      '{"a":1,}',
      'NaN',
      '1e999',
      '"\\ud800"',
      '{"name":"\\u0000"}',
    ),
    fc.integer({ min: 1_000, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.integer({ min: 100, max: 5_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
    // Over the body limit.
    huge.map((s) => JSON.stringify({ dni: '12345678Z', name: s })),
    // Valid-looking values with hostile strings inside.
    fc
      .tuple(
        fc.constantFrom(
          '<script>alert(1)</script>',
          "' OR 1=1 --",
          '\u202e\u0000\u001f',
          '𝕏'.repeat(60),
          ' '.repeat(200),
        ),
        fc.boolean(),
      )
      .map(([s, inDni]) => JSON.stringify(inDni ? { dni: s, name: 'n' } : { dni: 'ABC123', name: s })),
  );
}

/** Extra headers: oversized, many, malformed ids, request-smuggling shapes. */
export function hostileHeaders(): fc.Arbitrary<[string, string][]> {
  return fc.oneof(
    huge.map((s) => [['X-Filler', s.repeat(1)]] as [string, string][]),
    fc
      .integer({ min: 50, max: 300 })
      .map((n) => Array.from({ length: n }, (_, i) => [`X-H${i}`, 'v'] as [string, string])),
    fc.constantFrom<[string, string][]>(
      [['X-Request-Id', 'a b "c"']],
      [['X-Request-Id', 'x'.repeat(500)]],
      [['X-Request-Id', '../../etc/passwd']],
      [['X-Forwarded-For', '1.2.3.4, evil']],
      [['Expect', '100-continue']],
      [['Accept', 'application/xml']],
      [['Accept-Encoding', 'gzip, br, deflate, zstd, *;q=0']],
      [['Cookie', `a=${'b'.repeat(4000)}`]],
      [
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
      ],
      [['Host', 'evil.example']],
      [['Range', 'bytes=0-1']],
    ),
  );
}

export function hostileAuthorization(token: string): fc.Arbitrary<string | undefined> {
  return fc.constantFrom(
    undefined,
    'Bearer',
    'Bearer ',
    `Bearer ${token}x`,
    `bearer ${token}`,
    `Basic ${Buffer.from('a:b').toString('base64')}`,
    `Bearer ${'t'.repeat(5_000)}`,
    `Bearer ${token}, Bearer other`,
    'Bearer \u00ff\u00fe',
  );
}
