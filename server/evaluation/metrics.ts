/**
 * Ranking metrics as trec_eval / pytrec_eval compute them for BEIR: nDCG@k with linear gains
 * (gain = relevance grade, discount log2(rank + 1)), Recall@k over judged-relevant documents (grade
 * > 0) and MRR@k. A query with relevance judgements but no results scores 0.
 */
export type Qrels = Map<string, Map<string, number>>;

export function ndcgAtK(ranked: readonly string[], judged: ReadonlyMap<string, number>, k: number): number {
  let dcg = 0;
  const seen = new Set<string>();
  let rank = 0;
  for (const id of ranked) {
    if (rank >= k) break;
    if (seen.has(id)) continue; // a document counts once, at its best rank
    seen.add(id);
    rank++;
    const gain = judged.get(id) ?? 0;
    if (gain > 0) dcg += gain / Math.log2(rank + 1);
  }
  const ideal = [...judged.values()]
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, gain, i) => sum + gain / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

export function recallAtK(ranked: readonly string[], judged: ReadonlyMap<string, number>, k: number): number {
  const relevant = [...judged].filter(([, g]) => g > 0).map(([id]) => id);
  if (relevant.length === 0) return 0;
  const top = new Set(dedupe(ranked).slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

export function mrrAtK(ranked: readonly string[], judged: ReadonlyMap<string, number>, k: number): number {
  const top = dedupe(ranked).slice(0, k);
  const at = top.findIndex((id) => (judged.get(id) ?? 0) > 0);
  return at < 0 ? 0 : 1 / (at + 1);
}

function dedupe(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export interface EvalSummary {
  ndcg10: number;
  recall100: number;
  mrr10: number;
  queries: number;
}

/** One query's scores. */
export function scoreQuery(ranked: readonly string[], judged: ReadonlyMap<string, number>): { ndcg10: number; recall100: number; mrr10: number } {
  return { ndcg10: ndcgAtK(ranked, judged, 10), recall100: recallAtK(ranked, judged, 100), mrr10: mrrAtK(ranked, judged, 10) };
}

/** Whether a query counts: it has at least one relevant (grade > 0) document. */
export function isJudged(judged: ReadonlyMap<string, number>): boolean {
  return [...judged.values()].some((g) => g > 0);
}

/** Means over every query that has judgements (a missing run counts as an empty ranking). */
export function evaluateRun(run: ReadonlyMap<string, readonly string[]>, qrels: Qrels): EvalSummary {
  return meanScores(queryResults([...qrels.keys()], new Map(), qrels, run));
}

/** The means of per-query scores, to four decimals. */
export function meanScores(results: readonly Pick<QueryResult, 'ndcg10' | 'recall100' | 'mrr10'>[]): EvalSummary {
  const queries = results.length;
  const mean = (pick: (r: (typeof results)[number]) => number) => (queries ? Math.round((results.reduce((sum, r) => sum + pick(r), 0) / queries) * 10_000) / 10_000 : 0);
  return { ndcg10: mean((r) => r.ndcg10), recall100: mean((r) => r.recall100), mrr10: mean((r) => r.mrr10), queries };
}

/** One query's line in an evaluation: its scores and, for a run of the version, which run. */
export interface QueryResult {
  id: string;
  /** the query text, cut at 300 characters */
  text: string;
  runId: string | null;
  ndcg10: number;
  recall100: number;
  mrr10: number;
  /** its run failed (scored as an empty ranking) */
  failed?: boolean;
}

/** Per-query lines for the judged queries of a run, in the order given. */
export function queryResults(
  ids: readonly string[],
  texts: ReadonlyMap<string, string>,
  qrels: Qrels,
  run: ReadonlyMap<string, readonly string[]>,
  extra: (id: string) => { runId?: string | null; failed?: boolean } = () => ({}),
): QueryResult[] {
  return ids
    .filter((id) => qrels.has(id) && isJudged(qrels.get(id)!))
    .map((id) => {
      const scores = scoreQuery(run.get(id) ?? [], qrels.get(id)!);
      const { runId = null, failed } = extra(id);
      return { id, text: (texts.get(id) ?? '').slice(0, 300), runId, ...scores, ...(failed ? { failed } : {}) };
    });
}
