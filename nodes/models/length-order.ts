import { NodeError } from '../core/errors';

/**
 * Runs a model over `items` in calls of at most `size`, items of similar length together, and hands
 * the results back in the items' order. A call pads every row to its longest, so mixing a short
 * query with a long passage spends most of the call on padding; ordered by length, each call pads
 * little. Embedders order texts, cross-encoders (query, passage) pairs.
 */
export async function inLengthOrder<T, R>(
  items: readonly T[],
  lengthOf: (item: T) => number,
  size: number,
  run: (slice: T[]) => Promise<readonly R[]>,
): Promise<R[]> {
  const lengths = items.map(lengthOf);
  const order = items.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]!);
  const results = new Array<R>(items.length);
  for (let start = 0; start < order.length; start += size) {
    const indexes = order.slice(start, start + size);
    const out = await run(indexes.map((i) => items[i]!));
    if (out.length !== indexes.length) throw new NodeError('INTERNAL', `a model call returned ${out.length} results for ${indexes.length} inputs`);
    indexes.forEach((original, k) => (results[original] = out[k]!));
  }
  return results;
}
