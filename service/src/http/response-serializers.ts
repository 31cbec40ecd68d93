import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type SerializerFactory = SerializerSelector.SerializerFactory;

/**
 * Fastify's own response serializers (fast-json-stringify), each compiled once per distinct
 * schema instead of once per route, status and content type. Every route answers its errors with
 * the same `{ $ref: 'Problem' }`, so most of the app's fifty-odd response schemas are one schema;
 * each compilation also re-checks every shared schema, which made compiling them the larger part
 * of the start-up. A serializer depends only on its schema (and the shared schemas, the same for
 * every route), so routes with equal schemas share one.
 */
export function sharedResponseSerializers(): SerializerFactory {
  const buildDefault = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = buildDefault(externalSchemas, options);
    const compiled = new Map<string, ReturnType<ReturnType<SerializerFactory>>>();
    return (route) => {
      const key = JSON.stringify(route.schema);
      let serializer = compiled.get(key);
      if (serializer === undefined) {
        serializer = compile(route);
        compiled.set(key, serializer);
      }
      return serializer;
    };
  };
}
