/**
 * Finds fields a schema does not define, using the schema validator itself as the source of truth.
 *
 * kubernetes-models ships compiled (ajv standalone) validators without `additionalProperties:
 * false` and no raw JSON schemas, so there is nothing to diff against. But a compiled validator
 * asks for every property its schema defines (`data.minReadySeconds !== undefined && ...`) and
 * enumerates objects whose schema is a map (labels, annotations). Running it over a Proxy records
 * which keys it asked for; an own key it never asked for is a field the schema does not know.
 * Objects the validator never looked into (free-form fields such as Helm `valuesObject`, marked
 * x-kubernetes-preserve-unknown-fields) are skipped: their schema allows anything.
 */

interface ObjectReads {
  path: string;
  value: Record<string, unknown> | unknown[];
  asked: Set<string>;
}

export function recordFieldReads<T extends object>(root: T): { proxy: T; reads: ObjectReads[] } {
  const reads: ObjectReads[] = [];
  const wrap = (value: object, path: string): object => {
    const asked = new Set<string>();
    reads.push({ path, value: value as ObjectReads['value'], asked });
    const children = new Map<string, object>();
    return new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key !== 'string') return Reflect.get(target, key, receiver);
        asked.add(key);
        const child = Reflect.get(target, key, receiver) as unknown;
        if (child !== null && typeof child === 'object' && Object.hasOwn(target, key)) {
          if (!children.has(key)) children.set(key, wrap(child, `${path}/${key}`));
          return children.get(key);
        }
        return child;
      },
      has(target, key) {
        if (typeof key === 'string') asked.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        for (const key of Reflect.ownKeys(target)) if (typeof key === 'string') asked.add(key);
        return Reflect.ownKeys(target);
      },
      getOwnPropertyDescriptor(target, key) {
        if (typeof key === 'string') asked.add(key);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
  };
  return { proxy: wrap(root, '') as T, reads };
}

export function unknownFields(reads: ObjectReads[]): string[] {
  const unknown: string[] = [];
  for (const { path, value, asked } of reads) {
    if (Array.isArray(value) || asked.size === 0) continue;
    for (const key of Object.keys(value)) if (!asked.has(key)) unknown.push(`${path}/${key}`);
  }
  return unknown;
}
