import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import { startTestApp } from './support/test-app.js';

// The app's validators skip the meta-schema check at start (http/schema-validators.ts): its
// schemas are fixed in the code, so they are checked here, every one the app compiles.
describe('the schemas the app validates requests with', () => {
  it('are each valid JSON Schema', async () => {
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    const t = await startTestApp();
    const compiled = compile.mock.calls.map(([schema]) => schema);
    compile.mockRestore();
    await t.close();

    // Every validated part: the users' bodies, ids and page queries, at the least.
    expect(compiled.length).toBeGreaterThanOrEqual(6);
    const checker = new Ajv({ strict: false });
    for (const schema of Object.values(t.app.getSchemas())) checker.addSchema(schema as object);
    const invalid = compiled
      .filter((schema) => !checker.validateSchema(schema as object))
      .map((schema) => ({ schema, errors: checker.errorsText() }));
    expect(invalid).toEqual([]);
  });
});
