import { describe, expect, it } from 'vitest';
import { weightedRrf } from './fusion';

describe('weighted RRF', () => {
  it('sums weight / (k + rank) over the lists, as computed by hand', () => {
    const fused = weightedRrf(
      [
        { name: 'lexical', weight: 1, ids: ['a', 'b', 'c'] },
        { name: 'dense', weight: 0.5, ids: ['c', 'a', 'd'] },
      ],
      10,
    );
    const expected = {
      a: 1 / 11 + 0.5 / 12,
      b: 1 / 12,
      c: 1 / 13 + 0.5 / 11,
      d: 0.5 / 13,
    };
    expect(fused.map((f) => f.id)).toEqual(['a', 'c', 'b', 'd']);
    for (const f of fused) expect(f.score).toBeCloseTo(expected[f.id as keyof typeof expected], 12);
    expect(fused.find((f) => f.id === 'c')!.ranks).toEqual({ lexical: 3, dense: 1 });
  });

  it('with weight 0 a list is ignored, and one list keeps its order', () => {
    const fused = weightedRrf(
      [
        { name: 'lexical', weight: 1, ids: ['x', 'y'] },
        { name: 'dense', weight: 0, ids: ['y', 'z'] },
      ],
      60,
    );
    expect(fused.map((f) => f.id)).toEqual(['x', 'y']);
  });

  it('deep in a list, ranks are so close that even a small weight reorders them', () => {
    // lexical ranks p1..p4; dense (weight .1) ranks only p4, which gains .1/61 ≈ .0016: more than the
    // whole gap between lexical ranks 1 and 4 (1/61 - 1/64 ≈ .00077).
    const fused = weightedRrf(
      [
        { name: 'lexical', weight: 1, ids: ['p1', 'p2', 'p3', 'p4'] },
        { name: 'dense', weight: 0.1, ids: ['p4'] },
      ],
      60,
    );
    // p4: 1/64 + .1/61 = .017264; p3: 1/63 = .015873; p2: 1/62 = .016129; p1: 1/61 = .016393
    expect(fused.map((f) => f.id)).toEqual(['p4', 'p1', 'p2', 'p3']);
  });

  it('counts an id listed twice in one list once, at its best rank', () => {
    const fused = weightedRrf([{ name: 'l', weight: 1, ids: ['a', 'a', 'b'] }], 0);
    expect(fused.map((f) => [f.id, f.score])).toEqual([
      ['a', 1],
      ['b', 1 / 3],
    ]);
  });
});
