import { describe, expect, it } from 'vitest';
import type { ChunksValue, DocumentValue } from '../../core/values';
import { expectValidChunks } from '../shared/chunk-invariants';
import { createTestContext } from '../../testing/context';
import { sentenceWindowConfig } from './definition';
import { sentenceWindowChunkExecutor } from './execute';

const SENTENCES = ['Alpha is first.', 'Beta comes next!', 'Is gamma third?', 'Delta is fourth.', 'Epsilon ends it.'];

function doc(text: string): DocumentValue {
  return {
    id: '00000000-0000-8000-8000-0000000000bb',
    sourceId: 'greek.md',
    text,
    metadata: { source: 'greek.md', title: 'Greek', mimeType: 'text/markdown', contentHash: 'h' },
    sections: [{ start: 0, end: text.length, headingPath: ['Greek'] }],
  };
}

async function chunk(text: string, config: Record<string, unknown> = {}): Promise<ChunksValue> {
  const out = await sentenceWindowChunkExecutor.execute!(createTestContext(), { documents: [doc(text)] }, sentenceWindowConfig.parse(config));
  return (out as { chunks: ChunksValue }).chunks;
}

describe('chunk.sentence-window', () => {
  it('makes one chunk per sentence whose parent holds the window around it', async () => {
    const text = `${SENTENCES.slice(0, 3).join(' ')}\n\n${SENTENCES.slice(3).join(' ')}`;
    const value = await chunk(text, { window: 1 });
    expectValidChunks(value);
    const chunks = value.chunks.filter((c) => !c.isParent);
    const parents = new Map(value.chunks.filter((c) => c.isParent).map((p) => [p.id, p]));
    expect(chunks.map((c) => c.text)).toEqual(SENTENCES);
    expect(chunks.map((c) => parents.get(c.parentId!)!.text)).toEqual([
      'Alpha is first. Beta comes next!',
      'Alpha is first. Beta comes next! Is gamma third?',
      'Beta comes next! Is gamma third?\n\nDelta is fourth.',
      'Is gamma third?\n\nDelta is fourth. Epsilon ends it.',
      'Delta is fourth. Epsilon ends it.',
    ]);
    expect(chunks.every((c) => c.headingPath?.[0] === 'Greek')).toBe(true);
  });

  it('shares one parent between sentences with the same window and has none at window 0', async () => {
    const text = SENTENCES.join(' ');
    const wide = await chunk(text, { window: 10 });
    expectValidChunks(wide);
    expect(wide.chunks.filter((c) => c.isParent)).toHaveLength(1);
    expect(new Set(wide.chunks.filter((c) => !c.isParent).map((c) => c.parentId)).size).toBe(1);
    const none = await chunk(text, { window: 0 });
    expect(none.chunks.map((c) => [c.text, c.parentId, c.isParent])).toEqual(SENTENCES.map((s) => [s, undefined, undefined]));
  });

  it('splits an over-long sentence at words', async () => {
    const long = `${'word '.repeat(40).trim()}.`;
    const value = await chunk(`${long} Short one.`, { window: 1, maxSentenceChars: 60 });
    expectValidChunks(value);
    const chunks = value.chunks.filter((c) => !c.isParent);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.text.length <= 60)).toBe(true);
    expect(chunks[chunks.length - 1]!.text).toBe('Short one.');
  });
});
