import { describe, expect, it } from 'vitest';
import { mmrSelect } from './mmr';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('MMR', () => {
  const candidates = [
    { id: 'a', relevance: 1.0, vector: v(1, 0, 0) },
    { id: 'a-dup', relevance: 0.95, vector: v(1, 0.01, 0) },
    { id: 'b', relevance: 0.8, vector: v(0, 1, 0) },
    { id: 'c', relevance: 0.5, vector: v(0, 0, 1) },
  ];

  it('lambda 1 is plain relevance order', () => {
    expect(mmrSelect(candidates, 4, 1)).toEqual(['a', 'a-dup', 'b', 'c']);
  });

  it('a balanced lambda skips the near-duplicate', () => {
    // after a: a-dup = .5*.95 - .5*~1 ≈ -.025; b = .5*.8 - 0 = .4; c = .5*.5 = .25 → b; then c (.25) beats a-dup
    expect(mmrSelect(candidates, 3, 0.5)).toEqual(['a', 'b', 'c']);
  });

  it('returns at most k and handles missing vectors', () => {
    expect(mmrSelect([{ id: 'x', relevance: 1, vector: null }, { id: 'y', relevance: 0, vector: null }], 1, 0.5)).toEqual(['x']);
    expect(mmrSelect([], 3, 0.5)).toEqual([]);
  });
});
