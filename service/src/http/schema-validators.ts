import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

function ajv(options: Options) {
  // removeAdditional: false — unknown fields are rejected (the schemas say additionalProperties:
  // false), never silently dropped.
  // validateSchema: false — the schemas are fixed in the code; checking each against the JSON
  // Schema meta-schema meant compiling that meta-schema in both instances on every start, a large
  // part of the start-up. test/schema-validity.test.ts checks every schema compiled here instead.
  const instance = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
    validateSchema: false,
    ...options,
  });
  addFormats.default(instance);
  return instance;
}

/**
 * Bodies are validated as sent: `{"dni": 12345}` is an error, not the string "12345". Query
 * strings, params and headers arrive as text, so those validators coerce ("20" → 20).
 */
export function registerSchemaValidators(app: FastifyInstance) {
  const strict = ajv({ coerceTypes: false });
  const coercing = ajv({ coerceTypes: 'array' });
  // Route schemas may `$ref` the shared schemas (app.addSchema); both instances get them once,
  // when the first route is compiled, after every shared schema has been added.
  let sharedAdded = false;
  const addShared = () => {
    if (sharedAdded) return;
    sharedAdded = true;
    for (const shared of Object.values(app.getSchemas())) {
      strict.addSchema(shared as object);
      coercing.addSchema(shared as object);
    }
  };
  app.setValidatorCompiler(({ schema, httpPart }) => {
    addShared();
    return httpPart === 'body' ? strict.compile(schema) : coercing.compile(schema);
  });
}
