import { describe, expect, it } from 'vitest';
import { isNodeError } from '../../core/errors';
import type { ChunksValue, DocumentValue } from '../../core/values';
import { expectValidChunks } from '../shared/chunk-invariants';
import { createTestContext } from '../../testing/context';
import { tokenSpans } from '../shared/tokens';
import { fixedChunkConfig } from './definition';
import { fixedChunkExecutor } from './execute';

function doc(text: string, sections?: DocumentValue['sections']): DocumentValue {
  return {
    id: '00000000-0000-8000-8000-0000000000aa',
    sourceId: 'words.txt',
    text,
    metadata: { source: 'words.txt', title: 'Words', mimeType: 'text/plain', contentHash: 'h' },
    ...(sections ? { sections } : {}),
  };
}

async function chunk(documents: DocumentValue[], config: Record<string, unknown>): Promise<ChunksValue> {
  const out = await fixedChunkExecutor.execute!(createTestContext(), { documents }, fixedChunkConfig.parse(config));
  return (out as { chunks: ChunksValue }).chunks;
}

const WORDS = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');

describe('chunk.fixed', () => {
  it('cuts token windows of exactly `size` tokens that overlap by exactly `overlap` tokens', async () => {
    const value = await chunk([doc(WORDS)], { unit: 'tokens', size: 50, overlap: 10 });
    expectValidChunks(value);
    const tokensOf = (t: string) => tokenSpans(t).map((s) => t.slice(s.start, s.end));
    const windows = value.chunks.map((c) => tokensOf(c.text));
    expect(windows.map((w) => w.length)).toEqual([50, 50, 50, 50, 40]);
    expect(windows[0]![0]).toBe('w0');
    expect(windows[1]![0]).toBe('w40');
    expect(windows[0]!.slice(-10)).toEqual(windows[1]!.slice(0, 10));
    expect(windows[4]![39]).toBe('w199');
  });

  it('cuts character windows at word boundaries with the requested overlap', async () => {
    const value = await chunk([doc(WORDS)], { unit: 'characters', size: 100, overlap: 20 });
    expectValidChunks(value);
    for (const c of value.chunks) {
      expect(c.text.length).toBeLessThanOrEqual(100);
      expect(c.text.length).toBeGreaterThan(0);
      expect(/^w\d+( w\d+)*$/.test(c.text), `"${c.text}" is cut mid-word`).toBe(true);
    }
    for (let i = 1; i < value.chunks.length; i++) {
      const overlap = value.chunks[i - 1]!.end - value.chunks[i]!.start;
      expect(overlap).toBeGreaterThan(0);
      expect(overlap).toBeLessThanOrEqual(20);
    }
    expect(value.chunks[value.chunks.length - 1]!.text.endsWith('w199')).toBe(true);
  });

  it('cuts exact character windows when keepWords is off', async () => {
    const text = 'abcdefghijklmnopqrstuvwxyz';
    const value = await chunk([doc(text)], { unit: 'characters', size: 10, overlap: 3, keepWords: false });
    expect(value.chunks.map((c) => c.text)).toEqual(['abcdefghij', 'hijklmnopq', 'opqrstuvwx', 'vwxyz']);
    expect(value.chunks.map((c) => c.start)).toEqual([0, 7, 14, 21]);
  });

  it('takes the page from the section where a chunk starts', async () => {
    const text = 'alpha beta gamma\n\ndelta epsilon zeta';
    const value = await chunk([doc(text, [{ start: 0, end: 16, page: 1 }, { start: 18, end: text.length, page: 2 }])], { unit: 'tokens', size: 4, overlap: 0 });
    expect(value.chunks.map((c) => [c.text, c.page, c.metadata.pageEnd])).toEqual([
      ['alpha beta gamma\n\ndelta', 1, 2],
      ['epsilon zeta', 2, undefined],
    ]);
  });

  it('refuses overlap ≥ size', async () => {
    expect(fixedChunkConfig.safeParse({ size: 10, overlap: 10 }).success).toBe(false);
    const error = await fixedChunkExecutor.execute!(createTestContext(), { documents: [] }, { unit: 'tokens', size: 10, overlap: 12, keepWords: true }).catch((e: unknown) => e);
    expect(isNodeError(error) && error.code).toBe('INVALID_CONFIG');
  });
});
