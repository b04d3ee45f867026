import { describe, expect, it } from 'vitest';
import type { RetrievedValue } from '../../core/values';
import { createTestContext } from '../../testing/context';
import { retrieveMerge, type RetrieveMergeConfig } from './definition';
import { retrieveMergeExecutor } from './execute';
import { mergeRetrieved, nameLists } from './merge';

/** A retriever's list: passages named by chunk id, scored as given (best first). */
function list(query: string, entries: [chunkId: string, score: number][]): RetrievedValue {
  return { query, items: entries.map(([chunkId, score]) => ({ chunkId, documentId: `doc-${chunkId}`, sourceId: `${chunkId}.md`, text: `text of ${chunkId}`, score, metadata: { from: query } })) };
}

const config = (overrides: Partial<RetrieveMergeConfig> = {}) => retrieveMerge.config.parse(overrides);
const ids = (value: RetrievedValue) => value.items.map((i) => i.chunkId);

describe('mergeRetrieved', () => {
  const handbook = list('leave', [['a', 12.5], ['b', 9], ['c', 3]]);
  const faq = list('leave', [['x', 0.91], ['b', 0.8], ['y', 0.2]]);
  const both = nameLists([handbook, faq], ['handbook', 'faq']);

  it('fuses by rank (RRF): a passage both lists found rises above each list\'s own first', () => {
    const merged = mergeRetrieved(both, config({ rrfK: 60 }));
    expect(ids(merged)).toEqual(['b', 'a', 'x', 'c', 'y']);
    expect(merged.items[0]!.score).toBeCloseTo(1 / 62 + 1 / 62, 12);
    expect(merged.items[1]!.score).toBeCloseTo(1 / 61, 12);
    // each passage says where it ranked in each list, by the node that fed the list, and keeps its own score
    expect(merged.items[0]!.metadata).toMatchObject({ mergedRanks: { handbook: 2, faq: 2 }, retrievalScore: 9 });
    expect(merged.items[2]!.metadata).toMatchObject({ mergedRanks: { faq: 1 }, retrievalScore: 0.91 });
    expect(merged.query).toBe('leave');
  });

  it('weighs each list by the node that fed it; weight 0 leaves it out', () => {
    // the FAQ at a tenth: its first passage falls behind all of the handbook's (at 1 it came third)
    expect(ids(mergeRetrieved(both, config({ weights: { faq: 0.1 } })))).toEqual(['b', 'a', 'c', 'x', 'y']);
    expect(ids(mergeRetrieved(both, config({ weights: { faq: 0 } })))).toEqual(['a', 'b', 'c']);
    expect(mergeRetrieved(both, config({ weights: { faq: 0 } })).items[1]!.metadata.mergedRanks).toEqual({ handbook: 2 });
    // score mode: the weight scales the list's scores
    expect(mergeRetrieved(nameLists([faq, list('leave', [['z', 0.95]])], ['faq', 'web']), config({ mode: 'score', weights: { web: 0.5 } })).items.map((i) => [i.chunkId, i.score])).toEqual([
      ['x', 0.91],
      ['b', 0.8],
      ['z', 0.475],
      ['y', 0.2],
    ]);
  });

  it('orders by the passages\' own scores, or one list after another, and trims to topK', () => {
    const lists = nameLists([faq, list('leave', [['b', 0.95], ['z', 0.5]])]);
    expect(mergeRetrieved(lists, config({ mode: 'score' })).items.map((i) => [i.chunkId, i.score])).toEqual([
      ['b', 0.95],
      ['x', 0.91],
      ['z', 0.5],
      ['y', 0.2],
    ]);
    expect(ids(mergeRetrieved(both, config({ mode: 'concatenate' })))).toEqual(['a', 'b', 'c', 'x', 'y']);
    expect(ids(mergeRetrieved(both, config({ topK: 2 })))).toEqual(['b', 'a']);
    expect(mergeRetrieved(both, config({ topK: 0 })).items).toHaveLength(5);
  });

  it('breaks ties by connection order', () => {
    const lists = nameLists([list('q', [['z', 1]]), list('q', [['a', 1]])]);
    expect(ids(mergeRetrieved(lists, config()))).toEqual(['z', 'a']);
    expect(ids(mergeRetrieved(lists, config({ mode: 'score' })))).toEqual(['z', 'a']);
  });

  it('keeps the copy of a passage its best rank came with', () => {
    const wide = list('q', [['p', 1]]);
    wide.items[0]!.parentText = 'the whole section';
    const merged = mergeRetrieved(nameLists([list('q', [['o', 2], ['p', 1]]), wide]), config());
    expect(merged.items.find((i) => i.chunkId === 'p')!.parentText).toBe('the whole section');
  });

  it('names lists by position where no node is known, and merges one list or none', async () => {
    expect(nameLists([handbook, faq], ['handbook']).map((l) => l.name)).toEqual(['handbook', '2']);
    expect(ids(mergeRetrieved(nameLists([handbook]), config()))).toEqual(['a', 'b', 'c']);
    expect(mergeRetrieved([], config())).toEqual({ query: '', items: [] });
    // the executor names the lists by the nodes the runner says fed them
    const ctx = createTestContext({ inputFrom: { retrieved: ['handbook', 'faq'] } });
    const out = (await retrieveMergeExecutor.execute!(ctx, { retrieved: [handbook, faq] } as never, config() as never)) as { retrieved: RetrievedValue };
    expect(out.retrieved.items[0]!.metadata.mergedRanks).toEqual({ handbook: 2, faq: 2 });
  });
});
