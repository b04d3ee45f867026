/**
 * Weighted reciprocal rank fusion (Cormack et al. 2009, with per-list weights): each list adds
 * weight / (k + rank) for every id it ranks (rank from 1). Only ranks matter, so scores of different
 * scales (cosine, BM25) fuse without calibration; weights let a weak list inform without dominating.
 */
export interface RankedList {
  name: string;
  weight: number;
  ids: readonly string[];
}

export interface FusedItem {
  id: string;
  score: number;
  /** 1-based rank in each list that had the id */
  ranks: Record<string, number>;
}

export function weightedRrf(lists: readonly RankedList[], k = 60): FusedItem[] {
  const fused = new Map<string, FusedItem>();
  for (const list of lists) {
    if (list.weight <= 0) continue;
    list.ids.forEach((id, index) => {
      const item = fused.get(id) ?? { id, score: 0, ranks: {} };
      if (item.ranks[list.name] !== undefined) return; // a list naming an id twice counts its best rank
      item.ranks[list.name] = index + 1;
      item.score += list.weight / (k + index + 1);
      fused.set(id, item);
    });
  }
  // ties (same score) keep a stable order: better best-rank first, then id
  return [...fused.values()].sort(
    (a, b) => b.score - a.score || Math.min(...Object.values(a.ranks)) - Math.min(...Object.values(b.ranks)) || (a.id < b.id ? -1 : 1),
  );
}
