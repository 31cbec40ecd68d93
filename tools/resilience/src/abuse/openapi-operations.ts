/** The operations of an OpenAPI 3 document, with the schemas the fuzz generates values from. */
export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** e.g. /api/users/{id} */
  path: string;
  parameters: Parameter[];
  /** The application/json request body schema, when the operation takes one. */
  body?: JsonSchema;
  /** True when it declares a security requirement (a bearer token). */
  secured: boolean;
}

type Document = {
  paths?: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Replaces every local `$ref` with the schema it points at (the service's schemas are not recursive). */
export function resolveRefs(value: unknown, document: Document, depth = 0): unknown {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, document, depth + 1));
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    return resolveRefs(target, document, depth + 1);
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, resolveRefs(item, document, depth + 1)]),
  );
}

export function operationsOf(document: Document): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, raw] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const operation = resolveRefs(raw, document) as {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        security?: unknown[];
      };
      const body = operation.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((p) => ({
          ...p,
          required: p.required ?? p.in === 'path',
        })),
        ...(body && { body }),
        secured: (operation.security ?? []).length > 0,
      });
    }
  }
  return operations;
}
