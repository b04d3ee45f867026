import { describe, expect, it } from 'vitest';
import { createTestContext, createTestModelHost } from '../../testing/context';
import { retrievedOf } from '../../testing/values';
import { rerankBuiltin, type RerankBuiltinConfig } from './definition';
import { rerankBuiltinExecutor } from './execute';
import { candidateFeatures, minMax } from './score';

const host = createTestModelHost();
const rerank = (retrieved: ReturnType<typeof retrievedOf>, config: Partial<RerankBuiltinConfig> = {}) =>
  rerankBuiltinExecutor.execute!(createTestContext({ models: host }), { retrieved } as never, rerankBuiltin.config.parse(config) as never) as Promise<{
    retrieved: ReturnType<typeof retrievedOf>;
  }>;

const PASSAGES = [
  'Exercise improves cardiovascular health in older adults.',
  'Insulin resistance develops in obese mice fed a high-fat diet.',
  'Regular exercise reduces insulin resistance in obese patients.',
  'The committee met on Tuesday.',
];

describe('rerank.builtin', () => {
  it('by default keeps the retrieval order exactly and trims to 10', async () => {
    const passages = Array.from({ length: 15 }, (_, i) => `passage ${i} about insulin`);
    const retrieved = retrievedOf('insulin', passages);
    const { retrieved: out } = await rerank(retrieved);
    expect(out.items).toEqual(retrieved.items.slice(0, 10));
  });

  it('with a lexical weight, moves the passage matching more (stemmed) query terms up', async () => {
    const retrieved = retrievedOf('does exercising reduce insulin resistance', PASSAGES);
    const { retrieved: out } = await rerank(retrieved, { retrievalWeight: 0, lexicalWeight: 1 });
    expect(out.items.map((i) => i.text)).toEqual([PASSAGES[2], PASSAGES[1], PASSAGES[0], PASSAGES[3]]);
    expect(out.items[0]!.score).toBe(1); // min-max scaled
    expect(out.items[3]!.score).toBe(0);
    expect(out.items[0]!.metadata.retrievalScore).toBe(retrieved.items[2]!.score);
  });

  it('blends retrieval and lexical scores as weighted sums of 0–1 features', async () => {
    const retrieved = retrievedOf('insulin resistance', ['nothing relevant here', 'insulin resistance'], { scores: [10, 0] });
    // retrieval: [1, 0]; lexical: [0, 1]
    const tie = await rerank(retrieved, { retrievalWeight: 1, lexicalWeight: 1 });
    expect(tie.retrieved.items.map((i) => i.score)).toEqual([1, 1]);
    expect(tie.retrieved.items[0]!.text).toBe('nothing relevant here'); // ties keep retrieval order
    const lexicalWins = await rerank(retrieved, { retrievalWeight: 1, lexicalWeight: 1.5 });
    expect(lexicalWins.retrieved.items[0]!.text).toBe('insulin resistance');
  });

  it('scores phrase matches as the share of query word pairs found adjacent', () => {
    const features = candidateFeatures('high fat diet', ['a high fat diet', 'fat is high in this diet', 'diet'], [3, 2, 1]);
    expect(features.phrase).toEqual([1, 0, 0]);
    expect(features.retrieval).toEqual([1, 0.5, 0]);
    expect(minMax([2, 2])).toEqual([0, 0]);
  });

  it('blends GloVe similarity when asked', async () => {
    const retrieved = retrievedOf('kitten', ['stock market report', 'a cat and her kittens', 'tax law'], { scores: [1, 1, 1] });
    const { retrieved: out } = await rerank(retrieved, { gloveWeight: 1 });
    expect(out.items[0]!.text).toBe('a cat and her kittens');
  }, 120_000);

  it('places the best at both ends when bothEnds is on', async () => {
    const retrieved = retrievedOf('q', ['1', '2', '3', '4', '5']);
    const { retrieved: out } = await rerank(retrieved, { bothEnds: true, topN: 0 });
    expect(out.items.map((i) => i.text)).toEqual(['1', '3', '5', '4', '2']);
  });

  it('handles an empty list', async () => {
    const { retrieved: out } = await rerank(retrievedOf('q', []), { lexicalWeight: 1, gloveWeight: 1 });
    expect(out.items).toEqual([]);
  });

  it('parses an empty config to the safe defaults', () => {
    expect(rerankBuiltin.config.parse({})).toEqual({ topN: 10, bothEnds: false, retrievalWeight: 1, lexicalWeight: 0, phraseWeight: 0, gloveWeight: 0 });
  });
});
