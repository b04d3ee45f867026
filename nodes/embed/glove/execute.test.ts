import { describe, expect, it } from 'vitest';
import { createTestContext, createTestModelHost } from '../../testing/context';
import { chunksOf } from '../../testing/values';
import { embedGlove } from './definition';
import { embedGloveExecutor } from './execute';

const host = createTestModelHost();
const ctx = () => createTestContext({ models: host });
const run = (items: { chunks?: ReturnType<typeof chunksOf>; query?: { text: string; topK?: number } }[]) =>
  embedGloveExecutor.executeBatch!(items.map((inputs) => ({ ctx: ctx(), inputs: inputs as never, config: {} as never })));

describe('embed.glove', () => {
  it('embeds every chunk except parents, which get an empty vector', async () => {
    const chunks = chunksOf(['Parent section about insulin and glucose.', 'Insulin lowers blood glucose.', 'Glucagon raises it.'], { parents: [0] });
    const [out] = await run([{ chunks }]);
    const embedded = out!.embedded as { embeddings: number[][]; model: string; dims: number; chunks: unknown[]; documents: unknown[] };
    expect(embedded.model).toBe('glove-sg-100d-sif');
    expect(embedded.dims).toBe(100);
    expect(embedded.chunks).toEqual(chunks.chunks);
    expect(embedded.documents).toEqual(chunks.documents);
    expect(embedded.embeddings.map((e) => e.length)).toEqual([0, 100, 100]);
    expect(out!.vector).toBeUndefined();
  }, 120_000);

  it('embeds a query and keeps its fields', async () => {
    const [out] = await run([{ query: { text: 'What lowers blood glucose?', topK: 7 } }]);
    const vector = out!.vector as { text: string; topK: number; vector: number[]; dims: number };
    expect(vector.text).toBe('What lowers blood glucose?');
    expect(vector.topK).toBe(7);
    expect(vector.vector).toHaveLength(100);
    expect(Math.hypot(...vector.vector)).toBeCloseTo(1, 5);
    expect(out!.embedded).toBeUndefined();
  }, 120_000);

  it('answers a merged batch of requests exactly as it answers each alone', async () => {
    const requests = [
      { query: { text: 'insulin resistance' } },
      { chunks: chunksOf(['Beta cells secrete insulin.', 'Obesity drives insulin resistance.']) },
      { query: { text: 'heart failure outcomes' } },
    ];
    const merged = await run(requests);
    const alone = await Promise.all(requests.map(async (r) => (await run([r]))[0]));
    expect(merged).toEqual(alone);
    expect((merged[0]!.vector as { vector: number[] }).vector).not.toEqual((merged[2]!.vector as { vector: number[] }).vector);
  }, 120_000);

  it('counts texts as the batch weight and names its model', () => {
    const chunks = chunksOf(['a', 'b', 'c'], { parents: [0] });
    expect(embedGloveExecutor.batchWeight!({ chunks, query: { text: 'q' } } as never)).toBe(3);
    expect(embedGloveExecutor.modelKey!({} as never)).toBe('glove-sg-100d-sif');
    expect(embedGlove.batch).toEqual({ maxBatchSize: 256, maxLatencyMs: 10 });
  });

  it('refuses a request with neither chunks nor query', async () => {
    await expect(run([{}])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  }, 120_000);

  it('accepts an empty config', () => {
    expect(embedGlove.config.parse({})).toEqual({});
  });
});
