import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, writeTinyTokenizer } from '../testing/tiny-onnx';
import { loadTokenizer, truncateLongestFirst, type TextTokenizer } from './tokenizer';

// ids: [PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 [MASK]=4 the=5 cat=6 sat=7 mat=8 ##s=9 dog=10
const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'the', 'cat', 'sat', 'mat', '##s', 'dog'];

describe('loadTokenizer (BERT WordPiece tokenizer.json)', () => {
  let tok: TextTokenizer;
  const dir = makeTempDir();
  beforeAll(async () => {
    writeTinyTokenizer(dir, VOCAB);
    tok = await loadTokenizer(dir);
  });

  it('lowercases, splits punctuation and uses word pieces', () => {
    expect(tok.tokenize('The Cats sat, on the MAT!')).toEqual(['the', 'cat', '##s', 'sat', '[UNK]', '[UNK]', 'the', 'mat', '[UNK]']);
  });

  it('adds [CLS]/[SEP] and pads every row to the longest with [PAD] and mask 0', () => {
    const batch = tok.encode(['the cat', 'dogs sat'], 16);
    expect(batch.batchSize).toBe(2);
    expect(batch.seqLength).toBe(5);
    expect(Array.from(batch.inputIds, Number)).toEqual([2, 5, 6, 3, 0, 2, 10, 9, 7, 3]);
    expect(Array.from(batch.attentionMask, Number)).toEqual([1, 1, 1, 1, 0, 1, 1, 1, 1, 1]);
    expect(Array.from(batch.tokenTypeIds, Number)).toEqual(new Array(10).fill(0));
    expect(batch.lengths).toEqual([4, 5]);
  });

  it('truncates content so the special tokens still fit in maxLength', () => {
    const batch = tok.encode(['the cat sat the mat'], 4);
    expect(Array.from(batch.inputIds, Number)).toEqual([2, 5, 6, 3]);
  });

  it('encodes pairs as [CLS] A [SEP] B [SEP] with type ids 0…0 1…1', () => {
    const batch = tok.encodePairs([['cat', 'the dog sat']], 32);
    expect(Array.from(batch.inputIds, Number)).toEqual([2, 6, 3, 5, 10, 7, 3]);
    expect(Array.from(batch.tokenTypeIds, Number)).toEqual([0, 0, 0, 1, 1, 1, 1]);
  });

  it('truncates pairs longest-first', () => {
    // budget 8 - 3 specials = 5 content tokens: query 2 stays whole, passage 6 → 3
    const batch = tok.encodePairs([['the cat', 'the dog sat on the mat']], 8);
    expect(Array.from(batch.inputIds, Number)).toEqual([2, 5, 6, 3, 5, 10, 7, 3]);
    expect(truncateLongestFirst([1, 2, 3, 4], [5, 6, 7, 8, 9, 10], 6)).toEqual([[1, 2, 3], [5, 6, 7]]);
  });

  it('refuses a maxLength that leaves no room for text', () => {
    expect(() => tok.encode(['cat'], 2)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });

  it('encodes an empty text as just the special tokens', () => {
    expect(Array.from(tok.encode([''], 8).inputIds, Number)).toEqual([2, 3]);
  });
});

describe('loadTokenizer errors', () => {
  it('reports a missing tokenizer.json as MODEL_UNAVAILABLE naming the path', async () => {
    const dir = makeTempDir();
    await expect(loadTokenizer(dir)).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining(join(dir, 'tokenizer.json')) });
  });

  it('reports invalid JSON and a missing model section', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'tokenizer.json'), '{ not json');
    await expect(loadTokenizer(dir)).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('not valid JSON') });
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'tokenizer.json'), '{"version":"1.0"}');
    await expect(loadTokenizer(other)).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('no "model" section') });
  });
});
