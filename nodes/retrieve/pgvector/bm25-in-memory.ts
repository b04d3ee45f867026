import type { HeldPostings } from './posting-cache';

export interface FoldedBm25 {
  /** per query term, in the order of HeldPostings.lists: idf·(k1+1) */
  weights: readonly number[];
  /** k1·(1 − b) */
  K: number;
  /** k1·b / avgdl */
  B: number;
  limit: number;
}

/** Reused between queries (scoring never awaits, so one query uses it at a time); only touched slots are reset. */
let scratch = new Float64Array(1024);

/**
 * BM25 over held postings, the same sum the SQL path computes (lexical-search.ts), term by term in
 * the same order, so scores agree with it to the last bit in practice. The best `limit` chunks come
 * from a bounded heap, ordered by score descending, then chunk id ascending (the SQL tie-break).
 */
export function scoreHeldPostings(held: HeldPostings, folded: FoldedBm25): { id: string; score: number }[] {
  if (scratch.length < held.chunkIds.length) scratch = new Float64Array(Math.max(held.chunkIds.length, scratch.length * 2));
  const scores = scratch;
  const touched: number[] = [];
  held.lists.forEach((list, i) => {
    const weight = folded.weights[i]!;
    for (let p = 0; p < list.chunks.length; p++) {
      const chunk = list.chunks[p]!;
      const tf = list.tf[p]!;
      if (scores[chunk] === 0) touched.push(chunk);
      scores[chunk] = scores[chunk]! + (weight * tf) / (tf + folded.K + folded.B * list.dl[p]!);
    }
  });
  const ids = held.chunkIds;
  const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && ids[a]! > ids[b]!);
  const best = boundedHeap(touched, folded.limit, worse);
  const hits = best.sort((a, b) => (worse(a, b) ? 1 : -1)).map((chunk) => ({ id: ids[chunk]!, score: scores[chunk]! }));
  for (const chunk of touched) scores[chunk] = 0;
  return hits;
}

/** The `k` best of `items` (unordered): a min-heap on `worse` whose root is the worst kept. */
function boundedHeap(items: readonly number[], k: number, worse: (a: number, b: number) => boolean): number[] {
  const heap: number[] = [];
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (k > 0 && worse(heap[0]!, item)) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap;
}
