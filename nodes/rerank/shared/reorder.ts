import type { RetrievedItem, RetrievedValue } from '../../core/values';

/**
 * What every reranker does with its scores: sort by them (ties keep retrieval order), keep the best
 * `topN`, optionally place the best passages at both ends of the list, where LLMs attend best
 * ("Lost in the Middle", Liu et al. 2023).
 */
export interface ReorderOptions {
  /** keep this many items; 0 keeps all */
  topN: number;
  bothEnds: boolean;
}

export function applyScores(retrieved: RetrievedValue, scores: readonly number[], options: ReorderOptions): RetrievedValue {
  if (scores.length !== retrieved.items.length) throw new Error(`${scores.length} scores for ${retrieved.items.length} items`);
  const ranked = retrieved.items
    .map((item, index) => ({ item, index, score: scores[index]! }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ item, score }): RetrievedItem => ({ ...item, score, metadata: { ...item.metadata, retrievalScore: item.score } }));
  return { ...retrieved, items: finish(ranked, options) };
}

/** Keeps the given order (no scoring), trimmed and arranged the same way. */
export function keepOrder(retrieved: RetrievedValue, options: ReorderOptions): RetrievedValue {
  return { ...retrieved, items: finish(retrieved.items, options) };
}

function finish(ranked: RetrievedItem[], options: ReorderOptions): RetrievedItem[] {
  const kept = options.topN > 0 ? ranked.slice(0, options.topN) : ranked;
  return options.bothEnds ? bothEndsOrder(kept) : kept;
}

/** [1,2,3,4,5] (best first) → [1,3,5,4,2]: the best two at the edges, the weakest in the middle. */
export function bothEndsOrder<T>(ranked: readonly T[]): T[] {
  const front: T[] = [];
  const back: T[] = [];
  ranked.forEach((item, i) => (i % 2 === 0 ? front : back).push(item));
  return [...front, ...back.reverse()];
}
