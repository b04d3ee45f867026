import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OnnxGraphBuilder } from './onnx-graph';

/**
 * Tiny, deterministic ONNX models (and matching BERT WordPiece tokenizers) that tests build on the fly,
 * so the ONNX code paths run for real without a downloaded model. Every model is an embedding table
 * looked up by token id, so a test chooses what words "mean": words that share a direction in the
 * table are related, and the expected outputs can be computed by hand.
 *
 * Token ids: [PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 [MASK]=4, then the test's words in order.
 */

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
export type SpecialToken = (typeof SPECIAL_TOKENS)[number];

export interface TinyModelDir {
  dir: string;
  modelPath: string;
  /** token → id, specials included */
  vocab: Map<string, number>;
  /** the embedding table, one row per token id */
  table: number[][];
  /** deletes the directory */
  remove(): void;
}

export interface TinyTableOptions {
  /** word → vector; every vector must have the same length. Words are lowercased by the tokenizer. */
  words: Record<string, number[]>;
  /** vectors for special tokens (default: zeros). A non-zero [PAD] row catches pooling that ignores the mask. */
  specials?: Partial<Record<SpecialToken, number[]>>;
}

/** A sentence-embedding model: input_ids/attention_mask/token_type_ids [batch, seq] → last_hidden_state [batch, seq, dim]. */
export function createTinyEmbedder(options: TinyTableOptions & { typeVectors?: [number[], number[]] }): TinyModelDir {
  const { vocab, table, dims } = buildTable(options);
  const g = new OnnxGraphBuilder();
  const ids = g.input('input_ids', 'int64', ['batch', 'seq']);
  const mask = g.input('attention_mask', 'int64', ['batch', 'seq']);
  const types = g.input('token_type_ids', 'int64', ['batch', 'seq']);
  const words = g.op('Gather', [g.floats('word_embeddings', table.flat(), [table.length, dims]), ids], { axis: 0 });
  const typeTable = options.typeVectors ?? [zeros(dims), zeros(dims)];
  const segments = g.op('Gather', [g.floats('token_type_embeddings', typeTable.flat(), [2, dims]), types], { axis: 0 });
  // like BERT, the hidden states of padding positions are not zeroed: pooling must apply the mask.
  // The mask still enters the graph (times zero) so the model declares it the way real exports do.
  const maskTerm = g.op('Mul', [g.op('Unsqueeze', [g.op('Cast', [mask], { to: 1 }), g.ints('axis2', [2])]), g.floats('zero', [0], [1])]);
  g.op('Add', [g.op('Add', [words, segments]), maskTerm], {}, 'last_hidden_state');
  g.output('last_hidden_state', 'float', ['batch', 'seq', dims]);
  return writeModelDir('tiny-embedder', g.toBytes('tiny-embedder'), vocab, table);
}

/**
 * A cross-encoder: (query, passage) pairs → logits [batch, 1] = scale · (Σ query token vectors) ·
 * (Σ passage token vectors) + bias, segments told apart by token_type_ids. With one-hot word vectors
 * the score counts query words found in the passage.
 */
export function createTinyCrossEncoder(options: TinyTableOptions & { scale?: number; bias?: number }): TinyModelDir {
  const { vocab, table, dims } = buildTable(options);
  const g = new OnnxGraphBuilder();
  const ids = g.input('input_ids', 'int64', ['batch', 'seq']);
  const mask = g.input('attention_mask', 'int64', ['batch', 'seq']);
  const types = g.input('token_type_ids', 'int64', ['batch', 'seq']);
  const hidden = g.op('Gather', [g.floats('word_embeddings', table.flat(), [table.length, dims]), ids], { axis: 0 });
  const axis1 = g.ints('axis1', [1]);
  const axis2 = g.ints('axis2', [2]);
  const m = g.op('Cast', [mask], { to: 1 });
  const passageMask = g.op('Mul', [g.op('Cast', [types], { to: 1 }), m]);
  const queryMask = g.op('Sub', [m, passageMask]);
  const pool = (segmentMask: string): string =>
    g.op('ReduceSum', [g.op('Mul', [hidden, g.op('Unsqueeze', [segmentMask, axis2])]), axis1], { keepdims: 0 });
  const dot = g.op('ReduceSum', [g.op('Mul', [pool(queryMask), pool(passageMask)]), axis1], { keepdims: 1 });
  const scaled = g.op('Mul', [dot, g.floats('scale', [options.scale ?? 1], [1])]);
  g.op('Add', [scaled, g.floats('bias', [options.bias ?? 0], [1])], {}, 'logits');
  g.output('logits', 'float', ['batch', 1]);
  return writeModelDir('tiny-cross-encoder', g.toBytes('tiny-cross-encoder'), vocab, table);
}

/**
 * A text classifier: logits [batch, nLabels] = pool(token vectors) · weights + bias, pooled over real
 * tokens by mean or max. With `words` mapping a word to its per-label evidence and the default identity
 * weights, max pooling flags a text as soon as one word carries evidence for a label.
 * Writes config.json with id2label/label2id as Hugging Face exports do.
 */
export function createTinyClassifier(
  options: TinyTableOptions & { labels: string[]; weights?: number[][]; bias?: number[]; pooling?: 'mean' | 'max' },
): TinyModelDir {
  const { vocab, table, dims } = buildTable(options);
  const nLabels = options.labels.length;
  const weights = options.weights ?? identity(dims, nLabels);
  if (weights.length !== dims || weights.some((row) => row.length !== nLabels)) {
    throw new Error(`classifier weights must be [${dims}][${nLabels}]`);
  }
  const g = new OnnxGraphBuilder();
  const ids = g.input('input_ids', 'int64', ['batch', 'seq']);
  const mask = g.input('attention_mask', 'int64', ['batch', 'seq']);
  g.input('token_type_ids', 'int64', ['batch', 'seq']);
  const hidden = g.op('Gather', [g.floats('word_embeddings', table.flat(), [table.length, dims]), ids], { axis: 0 });
  const mask3 = g.op('Unsqueeze', [g.op('Cast', [mask], { to: 1 }), g.ints('axis2', [2])]);
  let pooled: string;
  if (options.pooling === 'max') {
    // padding positions get -1e9 so they never win the max
    const penalty = g.op('Mul', [g.op('Sub', [mask3, g.floats('one', [1], [1])]), g.floats('big', [1e9], [1])]);
    pooled = g.op('ReduceMax', [g.op('Add', [hidden, penalty])], { axes: [1], keepdims: 0 });
  } else {
    const axis1 = g.ints('axis1', [1]);
    const sum = g.op('ReduceSum', [g.op('Mul', [hidden, mask3]), axis1], { keepdims: 0 });
    pooled = g.op('Div', [sum, g.op('ReduceSum', [mask3, axis1], { keepdims: 0 })]);
  }
  const projected = g.op('MatMul', [pooled, g.floats('classifier_weight', weights.flat(), [dims, nLabels])]);
  g.op('Add', [projected, g.floats('classifier_bias', options.bias ?? zeros(nLabels), [nLabels])], {}, 'logits');
  g.output('logits', 'float', ['batch', nLabels]);
  const model = writeModelDir('tiny-classifier', g.toBytes('tiny-classifier'), vocab, table);
  const id2label = Object.fromEntries(options.labels.map((l, i) => [String(i), l]));
  const label2id = Object.fromEntries(options.labels.map((l, i) => [l, i]));
  writeFileSync(join(model.dir, 'config.json'), JSON.stringify({ architectures: ['TinyForSequenceClassification'], id2label, label2id }, null, 2));
  return model;
}

export interface TinyTokenizerOptions {
  /** BertNormalizer settings (default: uncased BERT's) */
  normalizer?: { clean_text?: boolean; handle_chinese_chars?: boolean; strip_accents?: boolean | null; lowercase?: boolean };
  /** WordPiece's longest word in characters (default 100) */
  maxInputCharsPerWord?: number;
  /** added tokens beyond the specials, not special (the tokenizer matches them after normalising); ids follow the vocabulary */
  addedTokens?: string[];
}

/** A valid BERT WordPiece tokenizer.json (lowercasing by default, [CLS] A [SEP] B [SEP] template) for `vocab`. */
export function tinyTokenizerJson(vocab: Map<string, number> | readonly string[], options: TinyTokenizerOptions = {}) {
  const entries = vocab instanceof Map ? vocab : new Map(vocab.map((t, i) => [t, i]));
  const id = (token: SpecialToken): number => {
    const value = entries.get(token);
    if (value === undefined) throw new Error(`tokenizer vocab lacks ${token}`);
    return value;
  };
  const special = (token: SpecialToken) => ({ id: id(token), content: token, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const seq = (which: 'A' | 'B', typeId: number) => ({ Sequence: { id: which, type_id: typeId } });
  const tok = (token: SpecialToken, typeId: number) => ({ SpecialToken: { id: token, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...SPECIAL_TOKENS.map(special), ...(options.addedTokens ?? []).map((content, k) => ({ id: entries.size + k, content, special: false }))],
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true, ...options.normalizer },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [tok('[CLS]', 0), seq('A', 0), tok('[SEP]', 0)],
      pair: [tok('[CLS]', 0), seq('A', 0), tok('[SEP]', 0), seq('B', 1), tok('[SEP]', 1)],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: options.maxInputCharsPerWord ?? 100, vocab: Object.fromEntries(entries) },
  };
}

/** Writes `tinyTokenizerJson(vocab)` to `dir`/tokenizer.json. */
export function writeTinyTokenizer(dir: string, vocab: Map<string, number> | readonly string[]): string {
  const path = join(dir, 'tokenizer.json');
  writeFileSync(path, JSON.stringify(tinyTokenizerJson(vocab)));
  return path;
}

const tempDirs = new Set<string>();

/** A fresh directory under the OS temp dir, removed by `removeTempDirs` (after each test file). */
export function makeTempDir(prefix = 'ragraph-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Removes every directory `makeTempDir` made in this process and that is still there. */
export function removeTempDirs(): void {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** Mean of the listed vectors (for hand-computed expectations). */
export function meanOf(vectors: readonly (readonly number[])[]): number[] {
  const dims = vectors[0]?.length ?? 0;
  const out = zeros(dims);
  for (const v of vectors) v.forEach((x, i) => (out[i]! += x / vectors.length));
  return out;
}

/** L2-normalised copy. */
export function normalized(vector: readonly number[]): number[] {
  const norm = Math.hypot(...vector);
  return norm === 0 ? [...vector] : vector.map((x) => x / norm);
}

function buildTable(options: TinyTableOptions): { vocab: Map<string, number>; table: number[][]; dims: number } {
  const words = Object.entries(options.words);
  const dims = words[0]?.[1].length ?? Object.values(options.specials ?? {})[0]?.length;
  if (!dims) throw new Error('a tiny model needs at least one word vector');
  const vocab = new Map<string, number>();
  const table: number[][] = [];
  for (const token of SPECIAL_TOKENS) {
    vocab.set(token, table.length);
    table.push(checkDims(token, options.specials?.[token] ?? zeros(dims), dims));
  }
  for (const [word, vector] of words) {
    const token = word.startsWith('##') ? word : word.toLowerCase();
    if (vocab.has(token)) throw new Error(`duplicate word "${token}" in the tiny vocabulary`);
    vocab.set(token, table.length);
    table.push(checkDims(word, vector, dims));
  }
  return { vocab, table, dims };
}

function writeModelDir(prefix: string, bytes: Uint8Array, vocab: Map<string, number>, table: number[][]): TinyModelDir {
  const dir = makeTempDir(`${prefix}-`);
  const modelPath = join(dir, 'model.onnx');
  writeFileSync(modelPath, bytes);
  writeTinyTokenizer(dir, vocab);
  return { dir, modelPath, vocab, table, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function checkDims(name: string, vector: number[], dims: number): number[] {
  if (vector.length !== dims) throw new Error(`vector of "${name}" has ${vector.length} dims, expected ${dims}`);
  return vector;
}

function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

function identity(rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (r === c ? 1 : 0)));
}
