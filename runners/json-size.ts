/**
 * A lower bound of the UTF-8 size of `JSON.stringify(value)`, counted without building the string,
 * and given up as soon as it passes `stopAbove`. A run's artifacts are capped: outputs such as a
 * large upload's chunks with their vectors ran to hundreds of MB, and serialising them only to find
 * them over the cap held the event loop for seconds and the memory of a second copy.
 *
 * Every counted byte is one the JSON has: a string's UTF-8 length is at least its UTF-16 length
 * (escapes only add), and any number or literal is at least one character. So a bound over the cap
 * proves the JSON is; a bound under it proves nothing, and the caller serialises to know.
 */
export function jsonBytesLowerBound(value: unknown, stopAbove = Number.POSITIVE_INFINITY): number {
  let bytes = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && bytes <= stopAbove) {
    const item = pending.pop();
    if (typeof item === 'string') bytes += item.length + 2;
    else if (typeof item === 'number' || typeof item === 'boolean' || typeof item === 'bigint' || item === null) bytes += 1;
    else if (Array.isArray(item)) {
      bytes += 1 + item.length; // brackets and commas
      for (const element of item) pending.push(element);
    } else if (ArrayBuffer.isView(item)) bytes += 2 + (item as unknown as ArrayLike<unknown>).length;
    else if (typeof item === 'object' && typeof (item as { toJSON?: unknown }).toJSON === 'function') bytes += 1; // a Date: its own form
    else if (typeof item === 'object') {
      bytes += 1;
      for (const key of Object.keys(item as object)) {
        const field = (item as Record<string, unknown>)[key];
        if (field === undefined || typeof field === 'function') continue; // JSON leaves them out
        bytes += key.length + 4; // quotes, colon, comma or brace
        pending.push(field);
      }
    }
  }
  return bytes;
}
