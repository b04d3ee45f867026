import { describe, expect, it } from 'vitest';
import { checkGate, parseMinimums } from './gate';

const scores = { ndcg10: 0.652, recall100: 0.9, mrr10: 0.61 };

describe('rag eval quality gate', () => {
  it('fails a score under its floor, and passes one on it', () => {
    expect(checkGate(scores, { min: { ndcg10: 0.69, recall100: 0.9 } })).toEqual({ passed: false, failures: ['ndcg10 0.6520 is under 0.69'] });
    expect(checkGate(scores, { min: {} })).toEqual({ passed: true, failures: [] });
  });

  it('fails a drop larger than allowed since the older version, and says from what', () => {
    const previous = { version: 3, metrics: { ndcg10: 0.7, recall100: 0.905, mrr10: 0.61 } };
    expect(checkGate(scores, { min: {}, maxDrop: 0.01 }, previous)).toEqual({
      passed: false,
      failures: ['ndcg10 fell from 0.7000 (v3) to 0.6520, more than 0.01'],
      comparedWith: previous,
    });
    // recall fell by exactly 0.005: within 0.005
    expect(checkGate(scores, { min: {}, maxDrop: 0.05 }, previous).passed).toBe(true);
    expect(checkGate({ ...scores, ndcg10: 0.695 }, { min: {}, maxDrop: 0.005 }, previous).passed).toBe(true);
    // nothing older to compare with: only the floors count
    expect(checkGate(scores, { min: {}, maxDrop: 0 })).toEqual({ passed: true, failures: [] });
  });

  it('reads --min METRIC=VALUE and refuses anything else', () => {
    expect(parseMinimums(['ndcg10=0.69', 'recall100=.9'])).toEqual({ ndcg10: 0.69, recall100: 0.9 });
    expect(() => parseMinimums(['map=0.5'])).toThrow('--min "map=0.5": write METRIC=VALUE with METRIC one of ndcg10, recall100, mrr10');
    expect(() => parseMinimums(['ndcg10'])).toThrow('e.g. --min ndcg10=0.69');
  });
});
