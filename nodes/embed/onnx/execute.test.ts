import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BatchItem } from '../../core/context';
import { createTestContext, createTestModelHost } from '../../testing/context';
import { createTinyClassifier, createTinyEmbedder, makeTempDir, meanOf, normalized } from '../../testing/tiny-onnx';
import { chunksOf } from '../../testing/values';
import { embedOnnx, type EmbedOnnxConfig } from './definition';
import { embedOnnxExecutor } from './execute';

// [PAD] has a loud vector: pooling that forgets the attention mask gets caught
const WORDS = { cat: [1, 0, 0], kitten: [0.8, 0.2, 0], car: [0, 0, 1], engine: [0, 0.5, 1] };
const SPECIALS = { '[PAD]': [100, 100, 100], '[CLS]': [0, 1, 0], '[SEP]': [0, 0, 0] };
const model = createTinyEmbedder({ words: WORDS, specials: SPECIALS });
afterAll(() => model.remove());

const host = createTestModelHost();
const config = (overrides: Partial<EmbedOnnxConfig> = {}): EmbedOnnxConfig => embedOnnx.config.parse({ modelDir: model.dir, ...overrides });
type Inputs = { chunks?: ReturnType<typeof chunksOf>; query?: { text: string } };
const item = (inputs: Inputs, c: EmbedOnnxConfig = config()) => ({ ctx: createTestContext({ models: host }), inputs, config: c }) as unknown as BatchItem<typeof embedOnnx>;
const run = (...items: ReturnType<typeof item>[]) => embedOnnxExecutor.executeBatch!(items);
const vectorOf = async (text: string, c?: EmbedOnnxConfig): Promise<number[]> => ((await run(item({ query: { text } }, c)))[0]!.vector as { vector: number[] }).vector;

const expectClose = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 5));
};

describe('embed.onnx on a test-built model', () => {
  it('mean-pools the real tokens ([CLS] and [SEP] included, padding excluded) and normalises', async () => {
    // "cat" alone is padded when batched with a longer text: padding must not leak in
    const [out] = await run(item({ chunks: chunksOf(['cat', 'kitten car engine']) }));
    const [short, long] = (out!.embedded as { embeddings: number[][] }).embeddings;
    expectClose(short!, normalized(meanOf([SPECIALS['[CLS]'], WORDS.cat, SPECIALS['[SEP]']])));
    expectClose(long!, normalized(meanOf([SPECIALS['[CLS]'], WORDS.kitten, WORDS.car, WORDS.engine, SPECIALS['[SEP]']])));
  });

  it('uses the [CLS] vector with pooling "cls" and skips normalisation when asked', async () => {
    expectClose(await vectorOf('cat car', config({ pooling: 'cls', normalize: false })), SPECIALS['[CLS]']);
    expectClose(await vectorOf('cat car', config({ normalize: false })), meanOf([SPECIALS['[CLS]'], WORDS.cat, WORDS.car, SPECIALS['[SEP]']]));
  });

  it('gives each text the same vector in a batch (split by batchSize) as alone', async () => {
    const texts = ['cat', 'kitten car', 'engine engine engine car', 'car', 'cat kitten'];
    const [out] = await run(item({ chunks: chunksOf(texts) }, config({ batchSize: 2 })));
    const batched = (out!.embedded as { embeddings: number[][] }).embeddings;
    for (const [i, text] of texts.entries()) expectClose(batched[i]!, await vectorOf(text));
  });

  it('merges requests from concurrent runs and groups them by config', async () => {
    const plain = config();
    const cls = config({ pooling: 'cls' });
    const outs = await run(item({ query: { text: 'cat' } }, plain), item({ query: { text: 'car' } }, cls), item({ chunks: chunksOf(['kitten']) }, plain));
    expectClose((outs[0]!.vector as { vector: number[] }).vector, await vectorOf('cat'));
    expectClose((outs[1]!.vector as { vector: number[] }).vector, normalized(SPECIALS['[CLS]']));
    expectClose((outs[2]!.embedded as { embeddings: number[][] }).embeddings[0]!, await vectorOf('kitten'));
  });

  it('prepends the query and passage prefixes', async () => {
    const prefixed = config({ queryPrefix: 'car ', passagePrefix: 'engine ' });
    expectClose(await vectorOf('cat', prefixed), await vectorOf('car cat'));
    const [out] = await run(item({ chunks: chunksOf(['cat']) }, prefixed));
    expectClose((out!.embedded as { embeddings: number[][] }).embeddings[0]!, await vectorOf('engine cat'));
  });

  it('truncates to maxLength tokens', async () => {
    // maxLength 8 = [CLS] + 6 words + [SEP]: the trailing "cat"s are cut
    const long = 'engine car car car car car cat cat cat';
    const cut = await vectorOf(long, config({ maxLength: 8 }));
    expectClose(cut, await vectorOf('engine car car car car car'));
    expect(cut).not.toEqual(await vectorOf(long));
    expect(embedOnnx.config.safeParse({ modelDir: model.dir, maxLength: 3 }).success).toBe(false); // min 8 keeps room for text
  });

  it('names the model by modelId or the directory, and reports dims', async () => {
    const [a] = await run(item({ query: { text: 'cat' } }, config({ modelId: 'tiny-e5' })));
    expect(a!.vector).toMatchObject({ model: 'tiny-e5', dims: 3 });
    const [b] = await run(item({ chunks: chunksOf(['root'], { parents: [0] }) }));
    expect(b!.embedded).toMatchObject({ model: model.dir.split('/').pop(), dims: 3, embeddings: [[]] });
  });

  it('uses an already pooled [batch, dim] output as is', async () => {
    const pooled = createTinyClassifier({ words: { cat: [3, 4] }, labels: ['a', 'b'], pooling: 'mean' });
    try {
      const v = await vectorOf('cat', embedOnnx.config.parse({ modelDir: pooled.dir, normalize: true }));
      expectClose(v, normalized(meanOf([[0, 0], [3, 4], [0, 0]])));
    } finally {
      pooled.remove();
    }
  });

  it('reports a missing model directory, model file or tokenizer as MODEL_UNAVAILABLE', async () => {
    const missing = join(makeTempDir(), 'nope');
    await expect(vectorOf('cat', config({ modelDir: missing }))).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining(missing) });
    await expect(vectorOf('cat', config({ modelFile: 'other.onnx' }))).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('other.onnx') });
    const noTokenizer = createTinyEmbedder({ words: WORDS });
    rmSync(join(noTokenizer.dir, 'tokenizer.json'));
    await expect(vectorOf('cat', config({ modelDir: noTokenizer.dir }))).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('tokenizer.json') });
    noTokenizer.remove();
  });

  it('refuses an output name the model lacks', async () => {
    await expect(vectorOf('cat', config({ outputName: 'pooler_output' }))).rejects.toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringContaining('last_hidden_state') });
  });

  it('keeps one warm session per (model, device)', async () => {
    const before = host.loads.length;
    await vectorOf('cat');
    await vectorOf('car');
    expect(host.loads.length).toBe(before);
    expect(host.loads.filter((k) => k.endsWith(`${model.dir}/model.onnx@cpu`))).toHaveLength(1);
  });

  it('counts texts as the batch weight; the model key ignores the device', () => {
    expect(embedOnnxExecutor.batchWeight!({ chunks: chunksOf(['a', 'b']), query: { text: 'q' } } as never)).toBe(3);
    expect(embedOnnxExecutor.modelKey!(config())).toContain(model.dir);
  });
});
