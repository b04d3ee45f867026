import { beforeAll, describe, expect, it } from 'vitest';
import type { ChunksValue, DocumentValue } from '../../core/values';
import { loadGloveModel } from '../../embed/glove/glove-model';
import { expectValidChunks } from '../shared/chunk-invariants';
import { createTestContext, createTestModelHost } from '../../testing/context';
import { semanticChunkConfig } from './definition';
import { semanticChunkExecutor } from './execute';
import { percentile } from './plan';

const TOPICS = {
  cooking: [
    'Chop the onions and garlic finely before you heat the pan.',
    'Fry them in butter until they turn soft and golden.',
    'Add the tomatoes, salt and pepper, then simmer the sauce.',
    'Stir in fresh basil and cook the pasta in boiling water.',
    'Serve the dish hot with grated cheese on top.',
  ],
  astronomy: [
    'The telescope revealed distant galaxies beyond the Milky Way.',
    'Astronomers measured the orbit of the planet around its star.',
    'A comet crossed the solar system near the orbit of Jupiter.',
    'The nebula glowed with light from newborn stars.',
    'Gravity from the black hole bent the light of the galaxy.',
  ],
  football: [
    'The striker scored a goal in the final minute of the match.',
    'Fans cheered as the team won the league championship.',
    'The coach praised the defenders and the goalkeeper after the game.',
    'A penalty kick decided the tournament in the stadium.',
    'The midfielder passed the ball to the winger on the pitch.',
  ],
} as const;

const TEXT = Object.values(TOPICS)
  .map((sentences) => sentences.join(' '))
  .join(' ');

function doc(text: string, sections?: DocumentValue['sections']): DocumentValue {
  return {
    id: '00000000-0000-8000-8000-0000000000cc',
    sourceId: 'mixed.txt',
    text,
    metadata: { source: 'mixed.txt', title: 'Mixed', mimeType: 'text/plain', contentHash: 'h' },
    ...(sections ? { sections } : {}),
  };
}

const models = createTestModelHost();

async function chunk(document: DocumentValue, config: Record<string, unknown>): Promise<ChunksValue> {
  const out = await semanticChunkExecutor.execute!(createTestContext({ models }), { documents: [document] }, semanticChunkConfig.parse(config));
  return (out as { chunks: ChunksValue }).chunks;
}

function topicsOf(text: string): string[] {
  return Object.entries(TOPICS)
    .filter(([, sentences]) => sentences.some((s) => text.includes(s)))
    .map(([topic]) => topic);
}

describe('chunk.semantic (real GloVe vectors)', () => {
  beforeAll(async () => {
    await loadGloveModel(models); // builds the binary cache on first use on a machine
  }, 120_000);

  it('breaks where the topic changes, in one paragraph without headings', async () => {
    for (const bufferSize of [0, 1, 2]) {
      // 14 neighbour distances; above the 85th percentile are the two largest
      const value = await chunk(doc(TEXT), { breakpointPercentile: 85, bufferSize, minChunkSize: 0 });
      expectValidChunks(value);
      expect(value.chunks.map((c) => topicsOf(c.text)), `bufferSize ${bufferSize}`).toEqual([['cooking'], ['astronomy'], ['football']]);
      expect(value.chunks.map((c) => c.text)).toEqual(Object.values(TOPICS).map((s) => s.join(' ')));
    }
  });

  it('never exceeds maxChunkSize and merges chunks below minChunkSize', async () => {
    const capped = await chunk(doc(TEXT), { breakpointPercentile: 85, maxChunkSize: 150, minChunkSize: 0 });
    expectValidChunks(capped);
    expect(capped.chunks.every((c) => c.text.length <= 150)).toBe(true);
    expect(capped.chunks.length).toBeGreaterThan(6);
    const merged = await chunk(doc(TEXT), { breakpointPercentile: 50, maxChunkSize: 2000, minChunkSize: 400 });
    expectValidChunks(merged);
    expect(merged.chunks.slice(0, -1).every((c) => c.text.length >= 400)).toBe(true);
  });

  it('always breaks at section boundaries and carries their pages', async () => {
    const cut = TEXT.indexOf(TOPICS.cooking[3]);
    const value = await chunk(doc(TEXT, [{ start: 0, end: cut - 1, page: 1 }, { start: cut, end: TEXT.length, page: 2 }]), {
      breakpointPercentile: 85,
      minChunkSize: 0,
    });
    expectValidChunks(value);
    // the page break cuts the cooking topic; the topic breaks are still found on page 2
    expect(value.chunks.map((c) => [c.page, topicsOf(c.text)])).toEqual([
      [1, ['cooking']],
      [2, ['cooking']],
      [2, ['astronomy']],
      [2, ['football']],
    ]);
    expect(value.chunks[0]!.end).toBeLessThanOrEqual(cut);
    expect(value.chunks[1]!.start).toBe(cut);
  });

  it('computes percentiles like numpy', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 0, 5], 90)).toBeCloseTo(9);
    expect(percentile([7], 95)).toBe(7);
  });
});
