import { type Static, type TSchema, Type } from 'typebox';
import { PROBLEM_CONTENT_TYPE } from './problem-types.js';

/**
 * A `$ref` to a shared schema (added with `app.addSchema`) that keeps the schema's static type,
 * so the TypeBox type provider types the route from it, and the OpenAPI document names it
 * (`#/components/schemas/<$id>`) instead of repeating it inline.
 */
export function schemaRef<T extends TSchema>(schema: T, options: Record<string, unknown> = {}) {
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id !== 'string') throw new Error('schemaRef needs a schema with an $id');
  return Type.Unsafe<Static<T>>(Type.Ref(id, options));
}

/** An error response: application/problem+json with the shared Problem schema. */
export function problemResponse(description: string) {
  return {
    description,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: Type.Ref('Problem') } },
  };
}
