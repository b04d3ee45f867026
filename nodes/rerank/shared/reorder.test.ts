import { describe, expect, it } from 'vitest';
import { retrievedOf } from '../../testing/values';
import { applyScores, bothEndsOrder, keepOrder } from './reorder';

describe('reorder', () => {
  it('puts the best at both ends and the weakest in the middle', () => {
    expect(bothEndsOrder([1, 2, 3, 4, 5])).toEqual([1, 3, 5, 4, 2]);
    expect(bothEndsOrder([1, 2, 3, 4])).toEqual([1, 3, 4, 2]);
    expect(bothEndsOrder([1])).toEqual([1]);
    expect(bothEndsOrder([])).toEqual([]);
  });

  it('sorts by score (ties keep retrieval order), trims, and keeps the retrieval score', () => {
    const retrieved = retrievedOf('q', ['a', 'b', 'c', 'd'], { scores: [4, 3, 2, 1] });
    const out = applyScores(retrieved, [0.1, 0.9, 0.5, 0.9], { topN: 3, bothEnds: false });
    expect(out.items.map((i) => i.text)).toEqual(['b', 'd', 'c']);
    expect(out.items.map((i) => i.score)).toEqual([0.9, 0.9, 0.5]);
    expect(out.items.map((i) => i.metadata.retrievalScore)).toEqual([3, 1, 2]);
    expect(out.query).toBe('q');
  });

  it('keeps the order and trims; topN 0 keeps all', () => {
    const retrieved = retrievedOf('q', ['a', 'b', 'c']);
    expect(keepOrder(retrieved, { topN: 2, bothEnds: false }).items).toEqual(retrieved.items.slice(0, 2));
    expect(keepOrder(retrieved, { topN: 0, bothEnds: true }).items.map((i) => i.text)).toEqual(['a', 'c', 'b']);
  });
});
