/**
 * Maximal marginal relevance (Carbonell & Goldstein 1998): greedily pick the candidate maximising
 * lambda * relevance - (1 - lambda) * (max cosine similarity to what is already picked). Relevance is
 * divided by the best score (negatives clamp to 0) so lambda means about the same whatever the scorer
 * (cosine, BM25, RRF) while keeping score ratios; min-max would push the last candidate to 0 however
 * good it is. Candidates without a vector count as dissimilar to everything.
 */
export interface MmrCandidate {
  id: string;
  relevance: number;
  vector: Float32Array | null;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export function mmrSelect(candidates: readonly MmrCandidate[], k: number, lambda: number): string[] {
  if (candidates.length === 0 || k <= 0) return [];
  const best = Math.max(...candidates.map((c) => c.relevance));
  const relevance = candidates.map((c) => (best > 0 ? Math.max(0, c.relevance) / best : 1));
  const remaining = candidates.map((_, i) => i);
  const maxSim = new Array<number>(candidates.length).fill(0);
  const picked: string[] = [];
  while (picked.length < k && remaining.length > 0) {
    let bestAt = 0;
    let bestValue = -Infinity;
    remaining.forEach((ci, at) => {
      const value = lambda * relevance[ci]! - (1 - lambda) * maxSim[ci]!;
      if (value > bestValue) {
        bestValue = value;
        bestAt = at;
      }
    });
    const [chosen] = remaining.splice(bestAt, 1);
    const chosenVector = candidates[chosen!]!.vector;
    picked.push(candidates[chosen!]!.id);
    if (!chosenVector) continue;
    for (const ci of remaining) {
      const v = candidates[ci]!.vector;
      if (v) maxSim[ci] = Math.max(maxSim[ci]!, cosine(v, chosenVector));
    }
  }
  return picked;
}
