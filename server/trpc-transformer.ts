import superjson from 'superjson';
import { RESERVED_KEYS } from './services/storable-text';

/**
 * superjson both ways, except that an answer holding a key superjson refuses to send (RESERVED_KEYS)
 * goes out with those keys renamed "[constructor]" instead of failing the request with a 500. Input
 * with such keys is refused (server/trpc.ts); they can still reach an answer from what nodes read
 * and write: a parsed file's metadata, a model's output.
 */
export const editorTransformer = {
  input: superjson,
  output: {
    serialize(value: unknown) {
      try {
        return superjson.serialize(value);
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('Detected property'))) throw error;
        return superjson.serialize(renamingReservedKeys(value));
      }
    },
    deserialize: (value: Parameters<typeof superjson.deserialize>[0]) => superjson.deserialize(value),
  },
};

function renamingReservedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renamingReservedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value; // a Date, a Map: superjson's own
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [RESERVED_KEYS.has(key) ? `[${key}]` : key, renamingReservedKeys(child)]));
}
