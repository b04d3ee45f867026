import { describe, expect, it } from 'vitest';
import { findPassages } from './passages';

const item = (chunkId: string, score: number, metadata: Record<string, unknown> = {}) => ({ chunkId, documentId: `d-${chunkId}`, sourceId: `${chunkId}.md`, text: `text ${chunkId}`, score, metadata });

describe('findPassages', () => {
  it('reads the first retrieved-shaped field as ranked passages, titles from metadata', () => {
    const output = { count: 2, passages: { query: 'tea', items: [item('a', 0.9, { title: 'Green tea' }), item('b', 0.4)] } };
    expect(findPassages(output)).toEqual({
      field: 'passages',
      query: 'tea',
      passages: [
        { rank: 1, chunkId: 'a', sourceId: 'a.md', title: 'Green tea', text: 'text a', score: 0.9 },
        { rank: 2, chunkId: 'b', sourceId: 'b.md', title: '', text: 'text b', score: 0.4 },
      ],
    });
  });

  it('takes an empty list, and leaves alone what only looks close', () => {
    expect(findPassages({ hits: { query: 'q', items: [] } })).toMatchObject({ field: 'hits', passages: [] });
    expect(findPassages({ rows: { items: [{ chunkId: 'a', sourceId: 'a.md', text: 'x' }] } })).toBeUndefined(); // no score
    expect(findPassages({ value: 'text' })).toBeUndefined();
    expect(findPassages(null)).toBeUndefined();
    expect(findPassages([item('a', 1)])).toBeUndefined();
  });
});
