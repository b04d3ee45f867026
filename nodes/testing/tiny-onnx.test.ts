import { afterAll, describe, expect, it } from 'vitest';
import { loadOrt, openSession, int64Tensor, floatOutput } from '../models/onnx-session';
import { loadTokenizer } from '../models/tokenizer';
import { createTinyClassifier, createTinyCrossEncoder, createTinyEmbedder, meanOf, normalized, type TinyModelDir } from './tiny-onnx';

/** Runs a tiny model on texts (or pairs) through the real tokenizer and ONNX Runtime. */
async function run(model: TinyModelDir, input: string[] | [string, string][]): Promise<{ data: number[]; dims: readonly number[] }> {
  const [ort, session, tok] = await Promise.all([loadOrt(), openSession(model.modelPath, 'cpu'), loadTokenizer(model.dir)]);
  const batch = typeof input[0] === 'string' ? tok.encode(input as string[], 32) : tok.encodePairs(input as [string, string][], 32);
  const shape = [batch.batchSize, batch.seqLength];
  const out = await session.run({
    input_ids: int64Tensor(ort, batch.inputIds, shape),
    attention_mask: int64Tensor(ort, batch.attentionMask, shape),
    token_type_ids: int64Tensor(ort, batch.tokenTypeIds, shape),
  });
  const { data, dims } = floatOutput(out);
  await session.release();
  return { data: Array.from(data), dims };
}

describe('tiny ONNX models', () => {
  const made: TinyModelDir[] = [];
  afterAll(() => made.forEach((m) => m.remove()));
  const track = <T extends TinyModelDir>(m: T): T => (made.push(m), m);

  it('embedder: token vectors are the table rows, plus the segment vector', async () => {
    const model = track(createTinyEmbedder({ words: { cat: [1, 0], dog: [0, 1] }, specials: { '[CLS]': [0.5, 0.5] }, typeVectors: [[0, 0], [10, 10]] }));
    const { data, dims } = await run(model, ['cat dog']);
    expect(dims).toEqual([1, 4, 2]);
    expect(data).toEqual([0.5, 0.5, 1, 0, 0, 1, 0, 0]);
    const pair = await run(model, [['cat', 'dog']]);
    // [CLS] cat [SEP] | dog [SEP] — the second segment gets +10
    expect(pair.data).toEqual([0.5, 0.5, 1, 0, 0, 0, 10, 11, 10, 10]);
  });

  it('cross-encoder: the score counts query words found in the passage (one-hot vectors)', async () => {
    const model = track(createTinyCrossEncoder({ words: { cat: [1, 0, 0], dog: [0, 1, 0], mat: [0, 0, 1] }, scale: 2, bias: -1 }));
    const { data, dims } = await run(model, [
      ['cat dog', 'the dog sat near a cat'],
      ['cat dog', 'a mat'],
      ['cat', 'cat cat'],
    ]);
    expect(dims).toEqual([3, 1]);
    expect(data).toEqual([2 * 2 - 1, -1, 2 * 2 - 1]);
  });

  it('classifier: max pooling flags a text by its strongest word; mean pooling averages real tokens', async () => {
    const words = { idiot: [0, 4], nice: [2, 0], day: [1, 0] };
    const max = track(createTinyClassifier({ words, labels: ['ok', 'toxic'], pooling: 'max', bias: [0.5, 0] }));
    const byMax = await run(max, ['what a nice day', 'you idiot']);
    expect(byMax.dims).toEqual([2, 2]);
    // unknown words and specials are zero rows: max over [0, 0] rows and word rows
    expect(byMax.data).toEqual([2.5, 0, 0.5, 4]);
    const mean = track(createTinyClassifier({ words, labels: ['ok', 'toxic'], pooling: 'mean' }));
    const byMean = await run(mean, ['nice day', 'idiot']);
    const expected = [meanOf([[0, 0], [2, 0], [1, 0], [0, 0]]), meanOf([[0, 0], [0, 4], [0, 0]])].flat();
    byMean.data.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });

  it('normalized() and meanOf() compute what tests expect', () => {
    expect(normalized([3, 4])).toEqual([0.6, 0.8]);
    expect(meanOf([[1, 2], [3, 4]])).toEqual([2, 3]);
  });
});
