/**
 * Pseudo-relevance feedback (RM3, as in Anserini): the best chunks of a first BM25 pass are taken as
 * relevant, the terms they share most are added to the query, and BM25 runs again. It reaches
 * documents that say the same thing in other words ("reduces" where the claim says "decreases").
 *
 * The relevance model weighs each feedback chunk by exp(score − best score): BM25 plays the part of
 * the query log-likelihood, so the chunks at the top decide the expansion. Weighing them linearly or
 * alike let loosely related chunks in and lost 0.005 nDCG@10 on SciFact train; this form gained 0.006
 * (both halves of the split gained; cli/README.md).
 */
export interface FeedbackChunk {
  /** first-pass BM25 score */
  score: number;
  /** analysed term → count in the chunk, as indexed */
  counts: ReadonlyMap<string, number>;
  /** the chunk's lexical length (number of analysed terms) */
  length: number;
}

export interface FeedbackOptions {
  /** expansion terms kept (those with the highest relevance-model weight) */
  terms: number;
  /** share of the original query in the expanded one (0-1; RM3's λ) */
  queryWeight: number;
}

/**
 * The expanded query: term → weight. The original terms keep weight 1 (so scores stay on the BM25
 * scale of an unexpanded query) and the expansion terms share (1 − λ)/λ of the original query's
 * total weight in proportion to the relevance model. A term both in the query and in the expansion
 * gets both weights.
 */
export function expandQuery(queryTerms: readonly string[], feedback: readonly FeedbackChunk[], options: FeedbackOptions): Map<string, number> {
  const original = [...new Set(queryTerms)];
  const weights = new Map(original.map((term) => [term, 1]));
  const model = relevanceModel(feedback);
  // ties go by term, so the expansion does not depend on the order chunks were read in (terms are distinct)
  const expansion = [...model].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, Math.max(0, options.terms));
  const total = expansion.reduce((sum, [, p]) => sum + p, 0);
  if (total <= 0 || options.queryWeight >= 1 || original.length === 0) return weights;
  const share = ((1 - options.queryWeight) / Math.max(options.queryWeight, 1e-6)) * original.length;
  for (const [term, p] of expansion) weights.set(term, (weights.get(term) ?? 0) + (share * p) / total);
  return weights;
}

/** RM1: Σ over feedback chunks of P(term | chunk) · P(chunk | query), unnormalised. */
function relevanceModel(feedback: readonly FeedbackChunk[]): Map<string, number> {
  const model = new Map<string, number>();
  if (feedback.length === 0) return model;
  const best = Math.max(...feedback.map((chunk) => chunk.score));
  for (const chunk of feedback) {
    if (chunk.length <= 0) continue;
    const weight = Math.exp(chunk.score - best);
    for (const [term, count] of chunk.counts) model.set(term, (model.get(term) ?? 0) + (weight * count) / chunk.length);
  }
  return model;
}
