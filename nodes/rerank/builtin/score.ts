import { analyze, countTerms } from '../../search/analyzer';
import { DEFAULT_BM25, scoreBm25, type Bm25Doc } from '../../search/bm25';

/**
 * The offline reranker's features, each over the candidate list only (no index needed):
 * - lexical: BM25 of the query terms (shared analyzer: stopwords, Porter2) with statistics of the
 *   candidates, min-max scaled to [0, 1];
 * - phrase: the share of the query's adjacent term pairs that occur adjacently in the passage;
 * - retrieval: the incoming score, min-max scaled (it carries corpus-level evidence the candidates lack).
 * GloVe cosine is computed by the executor (it needs the model) and blended the same way.
 */

export interface CandidateFeatures {
  lexical: number[];
  phrase: number[];
  retrieval: number[];
}

export function candidateFeatures(query: string, passages: readonly string[], retrievalScores: readonly number[]): CandidateFeatures {
  const queryTerms = analyze(query);
  const analysed = passages.map(analyze);
  const docs: Bm25Doc[] = analysed.map((terms, i) => ({ id: String(i), ...countTerms(terms) }));
  const bm25 = new Array<number>(passages.length).fill(0);
  for (const { id, score } of scoreBm25(queryTerms, docs, DEFAULT_BM25)) bm25[Number(id)] = score;
  const queryPairs = pairs(queryTerms);
  const phrase = analysed.map((terms) => {
    if (queryPairs.size === 0) return 0;
    const passagePairs = pairs(terms);
    let found = 0;
    for (const pair of queryPairs) if (passagePairs.has(pair)) found++;
    return found / queryPairs.size;
  });
  return { lexical: minMax(bm25), phrase, retrieval: minMax(retrievalScores) };
}

export interface BlendWeights {
  retrieval: number;
  lexical: number;
  phrase: number;
  glove: number;
}

export function blend(features: CandidateFeatures, glove: readonly number[] | undefined, weights: BlendWeights): number[] {
  return features.retrieval.map(
    (r, i) => weights.retrieval * r + weights.lexical * features.lexical[i]! + weights.phrase * features.phrase[i]! + weights.glove * (glove?.[i] ?? 0),
  );
}

/** Scales to [0, 1]; all-equal values become 0 (they carry no preference). */
export function minMax(values: readonly number[]): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return values.map((v) => (hi > lo ? (v - lo) / (hi - lo) : 0));
}

function pairs(terms: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < terms.length; i++) out.add(`${terms[i - 1]} ${terms[i]}`);
  return out;
}
