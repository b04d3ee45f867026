import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BatchItem } from '../../core/context';
import type { RetrievedValue } from '../../core/values';
import { createTestContext, createTestModelHost } from '../../testing/context';
import { createTinyClassifier, createTinyCrossEncoder, makeTempDir } from '../../testing/tiny-onnx';
import { retrievedOf } from '../../testing/values';
import { rerankOnnx, type RerankOnnxConfig } from './definition';
import { rerankOnnxExecutor, relevanceScores } from './execute';

// one-hot words: the tiny cross-encoder's logit = number of (query word, passage word) matches
const model = createTinyCrossEncoder({ words: { insulin: [1, 0, 0, 0], resistance: [0, 1, 0, 0], exercise: [0, 0, 1, 0], diet: [0, 0, 0, 1] } });
afterAll(() => model.remove());
const host = createTestModelHost();
const config = (o: Partial<RerankOnnxConfig> = {}) => rerankOnnx.config.parse({ modelDir: model.dir, ...o });
const item = (retrieved: ReturnType<typeof retrievedOf>, c = config()) =>
  ({ ctx: createTestContext({ models: host }), inputs: { retrieved }, config: c }) as unknown as BatchItem<typeof rerankOnnx>;
const rerankBatch = async (items: BatchItem<typeof rerankOnnx>[]) => (await rerankOnnxExecutor.executeBatch!(items)) as { retrieved: RetrievedValue }[];
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

const PASSAGES = ['diet and exercise', 'insulin resistance and insulin', 'unrelated words only', 'exercise lowers insulin resistance'];

describe('rerank.onnx with a test-built cross-encoder', () => {
  it('scores (query, passage) pairs and sorts by them', async () => {
    const [out] = await rerankBatch([item(retrievedOf('insulin resistance', PASSAGES))]);
    const items = out!.retrieved!.items;
    // matches: p1 = insulin×2 + resistance×1 = 3; p3 = 2; p0 = 0; p2 = 0
    expect(items.map((i) => i.text)).toEqual([PASSAGES[1], PASSAGES[3], PASSAGES[0], PASSAGES[2]]);
    expect(items.map((i) => i.score)).toEqual([3, 2, 0, 0].map(sigmoid).map((x) => expect.closeTo(x, 6)));
  });

  it('keeps raw logits with activation "none" and trims to topN', async () => {
    const [out] = await rerankBatch([item(retrievedOf('exercise diet', PASSAGES), config({ activation: 'none', topN: 2 }))]);
    expect(out!.retrieved!.items.map((i) => [i.text, i.score])).toEqual([
      [PASSAGES[0], 2],
      [PASSAGES[3], 1],
    ]);
  });

  it('gives every run of a merged batch the result it gets alone (pairs split across model calls)', async () => {
    const a = retrievedOf('insulin', PASSAGES);
    const b = retrievedOf('exercise', PASSAGES.slice(0, 3));
    const c = retrievedOf('diet resistance', PASSAGES);
    const small = config({ batchSize: 3 });
    const merged = await rerankBatch([item(a, small), item(b, small), item(c, small)]);
    const alone = await Promise.all([a, b, c].map(async (r) => (await rerankBatch([item(r)]))[0]));
    expect(merged).toEqual(alone);
    expect(rerankOnnxExecutor.batchWeight!({ retrieved: a } as never)).toBe(4);
  });

  it('scores the parent text when useParentText is set', async () => {
    const retrieved = retrievedOf('insulin', ['no match', 'no match either']);
    retrieved.items[1]!.parentText = 'insulin insulin';
    const [out] = await rerankBatch([item(retrieved, config({ useParentText: true, activation: 'none' }))]);
    expect(out!.retrieved!.items[0]!).toMatchObject({ chunkId: 'c1', score: 2, text: 'no match either' });
  });

  it('reads two-logit models as the probability of the second class', async () => {
    expect(relevanceScores(Float32Array.from([0, 0, 1, 3]), [2, 2], 'sigmoid')).toEqual([0.5, expect.closeTo(1 / (1 + Math.exp(-2)), 6)]);
    expect(relevanceScores(Float32Array.from([1, 3]), [1, 2], 'none')).toEqual([2]);
    const twoLogit = createTinyClassifier({ words: { insulin: [0, 5] }, labels: ['irrelevant', 'relevant'], pooling: 'max' });
    try {
      const [out] = await rerankBatch([item(retrievedOf('q', ['nothing', 'insulin']), config({ modelDir: twoLogit.dir }))]);
      expect(out!.retrieved!.items[0]!.text).toBe('insulin');
    } finally {
      twoLogit.remove();
    }
  });

  it('refuses outputs that are not relevance logits', () => {
    expect(() => relevanceScores(new Float32Array(6), [2, 3], 'sigmoid')).toThrow(expect.objectContaining({ code: 'MODEL_UNAVAILABLE' }));
  });

  it('reports a bad model directory as MODEL_UNAVAILABLE', async () => {
    const missing = join(makeTempDir(), 'missing');
    await expect(rerankBatch([item(retrievedOf('q', ['a']), config({ modelDir: missing }))])).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      message: expect.stringContaining(missing),
    });
  });
});
