import { describe, expect, it } from 'vitest';
import { evaluateRun, mrrAtK, ndcgAtK, recallAtK, type Qrels } from './metrics';

const judged = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('nDCG@k', () => {
  it('is 1 for the ideal ranking and 0 with nothing relevant retrieved', () => {
    expect(ndcgAtK(['a', 'b', 'x'], judged({ a: 1, b: 1 }), 10)).toBe(1);
    expect(ndcgAtK(['x', 'y'], judged({ a: 1 }), 10)).toBe(0);
    expect(ndcgAtK([], judged({ a: 1 }), 10)).toBe(0);
  });

  it('matches a hand computation with binary relevance', () => {
    // relevant a, b; ranking x a y b: DCG = 1/log2(3) + 1/log2(5) = .63093 + .43068 = 1.06161
    // IDCG = 1 + 1/log2(3) = 1.63093 → .65092
    expect(ndcgAtK(['x', 'a', 'y', 'b'], judged({ a: 1, b: 1 }), 10)).toBeCloseTo(0.650921, 5);
  });

  it('matches a hand computation with graded relevance (linear gains, as trec_eval)', () => {
    // grades a 2, b 1; ranking b a: DCG = 1 + 2/log2(3) = 2.26186; IDCG = 2 + 1/log2(3) = 2.63093
    expect(ndcgAtK(['b', 'a'], judged({ a: 2, b: 1 }), 10)).toBeCloseTo(2.26186 / 2.63093, 5);
  });

  it('cuts at k on both the ranking and the ideal', () => {
    // k = 1: ranking b first (grade 1) vs ideal a (grade 2) → .5
    expect(ndcgAtK(['b', 'a'], judged({ a: 2, b: 1 }), 1)).toBe(0.5);
    // relevant at rank 11 does not count at k=10
    const ranking = [...Array.from({ length: 10 }, (_, i) => `n${i}`), 'a'];
    expect(ndcgAtK(ranking, judged({ a: 1 }), 10)).toBe(0);
  });

  it('counts a repeated document once', () => {
    expect(ndcgAtK(['a', 'a', 'b'], judged({ a: 1, b: 1 }), 10)).toBe(1);
  });
});

describe('recall@k and MRR@k', () => {
  it('recall is the share of relevant documents in the top k', () => {
    expect(recallAtK(['a', 'x', 'b'], judged({ a: 1, b: 1, c: 1, z: 0 }), 100)).toBeCloseTo(2 / 3, 12);
    expect(recallAtK(['x', 'a'], judged({ a: 1 }), 1)).toBe(0);
  });

  it('MRR is the reciprocal rank of the first relevant document within k', () => {
    expect(mrrAtK(['x', 'y', 'a', 'b'], judged({ a: 1, b: 1 }), 10)).toBeCloseTo(1 / 3, 12);
    expect(mrrAtK(['x', 'y', 'a'], judged({ a: 1 }), 2)).toBe(0);
  });
});

describe('evaluateRun', () => {
  it('averages over judged queries; a query without results counts 0', () => {
    const qrels: Qrels = new Map([
      ['q1', judged({ a: 1 })],
      ['q2', judged({ b: 1 })],
    ]);
    const run = new Map([['q1', ['a']]]);
    expect(evaluateRun(run, qrels)).toEqual({ ndcg10: 0.5, recall100: 0.5, mrr10: 0.5, queries: 2 });
  });
});
