import type { RetrievedItem, RetrievedValue } from '../../core/values';
import { weightedRrf } from '../shared/fusion';
import type { MergeMode } from './definition';

export interface MergeOptions {
  mode: MergeMode;
  rrfK: number;
  /** keep this many; 0 keeps all */
  topK: number;
  /** by list name; a list not named weighs 1, one weighing 0 is left out */
  weights: Record<string, number>;
}

/** One input list: the passages and the name of the node that gave them. */
export interface NamedList {
  name: string;
  retrieved: RetrievedValue;
}

/** Lists named by the nodes that fed them (NodeContext.inputFrom), by position where a name is missing. */
export function nameLists(lists: readonly RetrievedValue[], sources: readonly string[] = []): NamedList[] {
  return lists.map((retrieved, i) => ({ name: sources[i] ?? String(i + 1), retrieved }));
}

/**
 * Several ranked lists of passages as one (Haystack's DocumentJoiner, LlamaIndex's fusion retriever).
 * A passage is known by its chunk id: found by several lists, it appears once, with the text and
 * metadata of the list that ranked it best, its own best score kept as `retrievalScore` and its rank
 * in every list that had it as `mergedRanks` (by list name: the node that fed it), so a trace shows
 * which source found what. Weights scale a list's RRF share or its passages' scores.
 */
export function mergeRetrieved(named: readonly NamedList[], options: MergeOptions): RetrievedValue {
  const weightOf = (name: string) => options.weights[name] ?? 1;
  const lists = named.filter((l) => weightOf(l.name) > 0);
  const query = named.find((l) => l.retrieved.query !== '')?.retrieved.query ?? '';
  const ranks = ranksByChunk(lists);
  const order = mergedOrder(lists, options, weightOf);
  const kept = options.topK > 0 ? order.slice(0, options.topK) : order;
  const items = kept.map(({ item, score }): RetrievedItem => ({
    ...item,
    score,
    metadata: { ...item.metadata, retrievalScore: item.score, mergedRanks: ranks.get(item.chunkId) },
  }));
  return { query, items };
}

/** Every chunk's passage (as its best-ranking list has it) with its merged score, best first. */
function mergedOrder(lists: readonly NamedList[], options: MergeOptions, weightOf: (name: string) => number): { item: RetrievedItem; score: number }[] {
  const best = bestItems(lists, options.mode === 'score' ? weightOf : () => 1);
  if (options.mode === 'rrf') {
    const fused = weightedRrf(
      lists.map((list) => ({ name: list.name, weight: weightOf(list.name), ids: list.retrieved.items.map((item) => item.chunkId) })),
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

/** Per chunk: the copy its best rank came with, its highest (weighted) score, and when it was first met. */
function bestItems(lists: readonly NamedList[], weightOf: (name: string) => number): Map<string, Best> {
  const best = new Map<string, Best>();
  let seen = 0;
  for (const list of lists) {
    const weight = weightOf(list.name);
    list.retrieved.items.forEach((item, index) => {
      const score = item.score * weight;
      const known = best.get(item.chunkId);
      if (!known) best.set(item.chunkId, { item, bestRank: index, topScore: score, firstSeen: seen++ });
      else {
        if (index < known.bestRank) Object.assign(known, { item, bestRank: index });
        known.topScore = Math.max(known.topScore, score);
      }
    });
  }
  return best;
}

/** 1-based rank of each chunk in each list that has it, by list name. */
function ranksByChunk(lists: readonly NamedList[]): Map<string, Record<string, number>> {
  const ranks = new Map<string, Record<string, number>>();
  for (const list of lists) {
    list.retrieved.items.forEach((item, index) => {
      const own = ranks.get(item.chunkId) ?? {};
      own[list.name] ??= index + 1;
      ranks.set(item.chunkId, own);
    });
  }
  return ranks;
}
