import type { RetrievedItem, RetrievedValue } from '../../core/values';
import { weightedRrf } from '../shared/fusion';
import type { MergeMode } from './definition';

export interface MergeOptions {
  mode: MergeMode;
  rrfK: number;
  /** keep this many; 0 keeps all */
  topK: number;
}

/**
 * Several ranked lists of passages as one (Haystack's DocumentJoiner, LlamaIndex's fusion retriever).
 * A passage is known by its chunk id: found by several lists, it appears once, with the text and
 * metadata of the list that ranked it best, its own best score kept as `retrievalScore` and its rank
 * in every list that had it as `mergedRanks` ("1" is the first connected list), so a trace shows
 * which source found what.
 */
export function mergeRetrieved(lists: readonly RetrievedValue[], options: MergeOptions): RetrievedValue {
  const query = lists.find((l) => l.query !== '')?.query ?? '';
  const ranks = ranksByChunk(lists);
  const order = mergedOrder(lists, options);
  const kept = options.topK > 0 ? order.slice(0, options.topK) : order;
  const items = kept.map(({ item, score }): RetrievedItem => ({
    ...item,
    score,
    metadata: { ...item.metadata, retrievalScore: item.score, mergedRanks: ranks.get(item.chunkId) },
  }));
  return { query, items };
}

/** Every chunk's passage (as its best-ranking list has it) with its merged score, best first. */
function mergedOrder(lists: readonly RetrievedValue[], options: MergeOptions): { item: RetrievedItem; score: number }[] {
  const best = bestItems(lists);
  if (options.mode === 'rrf') {
    const fused = weightedRrf(
      lists.map((list, i) => ({ name: String(i + 1), weight: 1, ids: list.items.map((item) => item.chunkId) })),
      options.rrfK,
    );
    // equal scores: the passage met first (in connection order) first, not weightedRrf's id order
    return fused
      .map((f) => ({ entry: best.get(f.id)!, score: f.score }))
      .sort((a, b) => b.score - a.score || a.entry.firstSeen - b.entry.firstSeen)
      .map(({ entry, score }) => ({ item: entry.item, score }));
  }
  // first appearances in connection order: concatenate's order, and score's tie-break
  const entries = [...best.values()].sort((a, b) => a.firstSeen - b.firstSeen);
  if (options.mode === 'score') entries.sort((a, b) => b.topScore - a.topScore || a.firstSeen - b.firstSeen);
  return entries.map((e) => ({ item: e.item, score: options.mode === 'score' ? e.topScore : e.item.score }));
}

interface Best {
  item: RetrievedItem;
  bestRank: number;
  topScore: number;
  firstSeen: number;
}

/** Per chunk: the copy its best rank came with, its highest score, and when it was first met. */
function bestItems(lists: readonly RetrievedValue[]): Map<string, Best> {
  const best = new Map<string, Best>();
  let seen = 0;
  for (const list of lists) {
    list.items.forEach((item, index) => {
      const known = best.get(item.chunkId);
      if (!known) best.set(item.chunkId, { item, bestRank: index, topScore: item.score, firstSeen: seen++ });
      else {
        if (index < known.bestRank) Object.assign(known, { item, bestRank: index });
        known.topScore = Math.max(known.topScore, item.score);
      }
    });
  }
  return best;
}

/** 1-based rank of each chunk in each list that has it, keyed by the list's position ("1", "2"…). */
function ranksByChunk(lists: readonly RetrievedValue[]): Map<string, Record<string, number>> {
  const ranks = new Map<string, Record<string, number>>();
  lists.forEach((list, i) => {
    list.items.forEach((item, index) => {
      const own = ranks.get(item.chunkId) ?? {};
      own[String(i + 1)] ??= index + 1;
      ranks.set(item.chunkId, own);
    });
  });
  return ranks;
}
