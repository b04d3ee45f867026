/**
 * Values crossing a worker-thread boundary carry their number arrays (embedding vectors, mostly) as
 * Float64Array. V8 clones a typed array as one block but a number array one element at a time: a
 * batch of 32 replies with 128-dimensional vectors took 1.3 ms to post, a fifth of the model
 * thread's time next to the model call. Float64 keeps every number exact.
 */

/** arrays shorter than this clone fast enough as they are */
const MIN_LENGTH = 16;
/** output values are JSON-like trees; deeper than this is not a value worth walking */
const MAX_DEPTH = 32;

function isNumberArray(value: unknown[]): value is number[] {
  if (value.length < MIN_LENGTH) return false;
  for (const element of value) if (typeof element !== 'number') return false;
  return true;
}

/** Before posting: number arrays become Float64Arrays. */
export function packNumberArrays<T>(value: T): T {
  return walk(value, 0, (array) => (isNumberArray(array) ? new Float64Array(array) : undefined)) as T;
}

/** On arrival: Float64Arrays become number arrays again. */
export function unpackNumberArrays<T>(value: T): T {
  return walk(value, 0, undefined, (typed) => Array.from(typed)) as T;
}

/**
 * Copies only what changes: containers above a replaced array are new, everything else is shared, so a
 * value an executor keeps (a cache entry, its inputs) is never altered.
 */
function walk(
  value: unknown,
  depth: number,
  replaceArray?: (array: unknown[]) => unknown,
  replaceTyped?: (typed: Float64Array) => unknown,
): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (replaceTyped && value instanceof Float64Array) return replaceTyped(value);
  if (ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    const replaced = replaceArray?.(value);
    if (replaced !== undefined) return replaced;
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = walk(value[i], depth + 1, replaceArray, replaceTyped);
      if (next !== value[i]) (copy ??= value.slice())[i] = next;
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const next = walk(record[key], depth + 1, replaceArray, replaceTyped);
    if (next !== record[key]) (copy ??= { ...record })[key] = next;
  }
  return copy ?? value;
}
