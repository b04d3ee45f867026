import { describe, expect, it } from 'vitest';
import { countTerms } from './analyzer';
import { bm25Idf, bm25TermWeight, scoreBm25, type Bm25Doc } from './bm25';

const doc = (id: string, terms: string[]): Bm25Doc => ({ id, ...countTerms(terms) });

describe('bm25 math', () => {
  it('idf is Lucene-style and positive even for a term in every document', () => {
    expect(bm25Idf(10, 1)).toBeCloseTo(Math.log(1 + 9.5 / 1.5), 12);
    expect(bm25Idf(3, 3)).toBeCloseTo(Math.log(1 + 0.5 / 3.5), 12);
    expect(bm25Idf(3, 3)).toBeGreaterThan(0);
  });

  it('term weight saturates with tf and normalises by length', () => {
    const p = { k1: 1.2, b: 0.75 };
    // tf=1, dl=avgdl: 1*(2.2)/(1+1.2*1) = 1
    expect(bm25TermWeight(1, 10, 10, p)).toBeCloseTo(1, 12);
    // tf=2, dl=20, avgdl=10: norm = 0.25+0.75*2 = 1.75; 2*2.2/(2+2.1) = 4.4/4.1
    expect(bm25TermWeight(2, 20, 10, p)).toBeCloseTo(4.4 / 4.1, 12);
    expect(bm25TermWeight(0, 5, 10, p)).toBe(0);
    // b = 0 ignores length
    expect(bm25TermWeight(3, 100, 10, { k1: 1.2, b: 0 })).toBeCloseTo(bm25TermWeight(3, 1, 10, { k1: 1.2, b: 0 }), 12);
  });

  it('ranks a tiny corpus as computed by hand', () => {
    const docs = [doc('a', ['cat', 'dog']), doc('b', ['cat', 'cat', 'fish', 'bird']), doc('c', ['dog', 'bird', 'bird'])];
    const p = { k1: 1, b: 0.5 };
    const ranked = scoreBm25(['cat', 'bird'], docs, p);
    // N=3, avgdl=3; df(cat)=2, df(bird)=2 → idf = ln(1 + 1.5/2.5) = ln 1.6
    const idf = Math.log(1.6);
    // a: cat tf1 dl2: norm = .5+.5*2/3 = 5/6 → 2/(1+5/6) = 12/11
    const a = idf * (12 / 11);
    // b: cat tf2 dl4: norm = .5+.5*4/3 = 7/6 → 4/(2+7/6) = 24/19; bird tf1: 2/(1+7/6) = 12/13
    const b = idf * (24 / 19 + 12 / 13);
    // c: bird tf2 dl3: norm 1 → 4/3
    const c = idf * (4 / 3);
    expect(ranked.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(ranked[0]!.score).toBeCloseTo(b, 12);
    expect(ranked[1]!.score).toBeCloseTo(c, 12);
    expect(ranked[2]!.score).toBeCloseTo(a, 12);
  });

  it('counts a repeated query term once', () => {
    const docs = [doc('a', ['cat', 'dog']), doc('b', ['bird'])];
    expect(scoreBm25(['cat', 'cat', 'bird'], docs)).toEqual(scoreBm25(['cat', 'bird'], docs));
  });

  it('leaves out documents sharing no term', () => {
    expect(scoreBm25(['zebra'], [doc('a', ['cat'])])).toEqual([]);
  });
});
