import { describe, expect, it } from 'vitest';
import { countTerms } from './analyzer';
import { expandQuery, type FeedbackChunk } from './relevance-feedback';

const chunk = (score: number, terms: string[]): FeedbackChunk => ({ score, ...countTerms(terms) });

describe('relevance feedback (RM3)', () => {
  it('weighs expansion terms by the relevance model, computed by hand', () => {
    // scores 2 and 2 − ln 2: chunk weights 1 and ½
    const feedback = [chunk(2, ['prion', 'prion', 'protein', 'fold']), chunk(2 - Math.log(2), ['protein', 'misfold'])];
    // RM1: prion 1·2/4 = ½; protein 1·¼ + ½·½ = ½; fold ¼; misfold ½·½ = ¼
    const weights = expandQuery(['prion', 'disease'], feedback, { terms: 3, queryWeight: 0.5 });
    // kept: prion ½, protein ½, then fold ¼ (ties broken by term): total 1.25
    // share = (1 − ½)/½ · 2 original terms = 2
    expect([...weights.keys()].sort()).toEqual(['disease', 'fold', 'prion', 'protein']);
    expect(weights.get('disease')).toBeCloseTo(1, 12);
    expect(weights.get('prion')).toBeCloseTo(1 + (2 * 0.5) / 1.25, 12);
    expect(weights.get('protein')).toBeCloseTo((2 * 0.5) / 1.25, 12);
    expect(weights.get('fold')).toBeCloseTo((2 * 0.25) / 1.25, 12);
  });

  it('lets the top chunks decide: a chunk far below the best adds next to nothing', () => {
    const feedback = [chunk(12, ['coral', 'reef']), chunk(2, ['stock', 'market', 'stock'])];
    const weights = expandQuery(['reef'], feedback, { terms: 4, queryWeight: 0.8 });
    expect(weights.get('coral')!).toBeGreaterThan(0.1);
    expect(weights.get('stock')!).toBeLessThan(1e-4 * weights.get('coral')!);
  });

  it('keeps the query alone when there is no feedback, no expansion wanted or λ = 1', () => {
    const feedback = [chunk(1, ['a', 'b'])];
    expect(expandQuery(['x', 'x', 'y'], [], { terms: 10, queryWeight: 0.8 })).toEqual(new Map([['x', 1], ['y', 1]]));
    expect(expandQuery(['x'], feedback, { terms: 0, queryWeight: 0.8 })).toEqual(new Map([['x', 1]]));
    expect(expandQuery(['x'], feedback, { terms: 10, queryWeight: 1 })).toEqual(new Map([['x', 1]]));
    expect(expandQuery(['x'], [chunk(1, [])], { terms: 10, queryWeight: 0.5 })).toEqual(new Map([['x', 1]]));
  });
});
