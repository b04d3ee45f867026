import { describe, expect, it } from 'vitest';
import type { RetrievedValue } from '../../core/values';
import { createTestContext } from '../../testing/context';
import { retrieveMerge, type RetrieveMergeConfig } from './definition';
import { retrieveMergeExecutor } from './execute';
import { mergeRetrieved } from './merge';

/** A retriever's list: passages named by chunk id, scored as given (best first). */
function list(query: string, entries: [chunkId: string, score: number][]): RetrievedValue {
  return { query, items: entries.map(([chunkId, score]) => ({ chunkId, documentId: `doc-${chunkId}`, sourceId: `${chunkId}.md`, text: `text of ${chunkId}`, score, metadata: { from: query } })) };
}

const config = (overrides: Partial<RetrieveMergeConfig> = {}) => retrieveMerge.config.parse(overrides);

describe('mergeRetrieved', () => {
  const handbook = list('leave', [['a', 12.5], ['b', 9], ['c', 3]]);
  const faq = list('leave', [['x', 0.91], ['b', 0.8], ['y', 0.2]]);

  it('fuses by rank (RRF): a passage both lists found rises above each list\'s own first', () => {
    const merged = mergeRetrieved([handbook, faq], config({ rrfK: 60 }));
    expect(merged.items.map((i) => i.chunkId)).toEqual(['b', 'a', 'x', 'c', 'y']);
    expect(merged.items[0]!.score).toBeCloseTo(1 / 62 + 1 / 62, 12);
    expect(merged.items[1]!.score).toBeCloseTo(1 / 61, 12);
    // each passage says where it ranked in each list, and keeps its own score
    expect(merged.items[0]!.metadata).toMatchObject({ mergedRanks: { 1: 2, 2: 2 }, retrievalScore: 9 });
    expect(merged.items[2]!.metadata).toMatchObject({ mergedRanks: { 2: 1 }, retrievalScore: 0.91 });
    expect(merged.query).toBe('leave');
  });

  it('orders by the passages\' own scores, or one list after another, and trims to topK', () => {
    expect(mergeRetrieved([faq, list('leave', [['b', 0.95], ['z', 0.5]])], config({ mode: 'score' })).items.map((i) => [i.chunkId, i.score])).toEqual([
      ['b', 0.95],
      ['x', 0.91],
      ['z', 0.5],
      ['y', 0.2],
    ]);
    expect(mergeRetrieved([handbook, faq], config({ mode: 'concatenate' })).items.map((i) => i.chunkId)).toEqual(['a', 'b', 'c', 'x', 'y']);
    expect(mergeRetrieved([handbook, faq], config({ topK: 2 })).items.map((i) => i.chunkId)).toEqual(['b', 'a']);
    expect(mergeRetrieved([handbook, faq], config({ topK: 0 })).items).toHaveLength(5);
  });

  it('breaks ties by connection order', () => {
    const lists = [list('q', [['z', 1]]), list('q', [['a', 1]])];
    expect(mergeRetrieved(lists, config()).items.map((i) => i.chunkId)).toEqual(['z', 'a']);
    expect(mergeRetrieved(lists, config({ mode: 'score' })).items.map((i) => i.chunkId)).toEqual(['z', 'a']);
  });

  it('keeps the copy of a passage its best rank came with', () => {
    const wide = list('q', [['p', 1]]);
    wide.items[0]!.parentText = 'the whole section';
    const merged = mergeRetrieved([list('q', [['o', 2], ['p', 1]]), wide], config());
    expect(merged.items.find((i) => i.chunkId === 'p')!.parentText).toBe('the whole section');
  });

  it('merges one list or none without failing', async () => {
    expect(mergeRetrieved([handbook], config()).items.map((i) => i.chunkId)).toEqual(['a', 'b', 'c']);
    expect(mergeRetrieved([], config())).toEqual({ query: '', items: [] });
    const out = await retrieveMergeExecutor.execute!(createTestContext(), { retrieved: [handbook, faq] } as never, config() as never);
    expect((out as { retrieved: RetrievedValue }).retrieved.items).toHaveLength(5);
  });
});
