import type { DatasetEvaluation } from '../../server/services/datasets';
import { formatScore } from './evaluation-scores';

/**
 * A dataset's page ranks the versions scored on it: each version's latest finished scores per
 * collection, best nDCG@10 first (then Recall@100, then the newer), so the best retrieval setup for
 * the dataset is the first line, whichever graph it belongs to.
 */
export type StandingRow = Pick<DatasetEvaluation, 'id' | 'graphId' | 'graphName' | 'versionId' | 'versionNumber' | 'collection' | 'status' | 'queries' | 'done' | 'failed' | 'metrics' | 'createdAt'>;

export function datasetStandings(evaluations: readonly StandingRow[]): { ranked: StandingRow[]; best: boolean; running: StandingRow[] } {
  const latest = new Map<string, StandingRow>();
  for (const e of evaluations) {
    if (e.status !== 'succeeded') continue;
    const key = JSON.stringify([e.versionId, e.collection]);
    const seen = latest.get(key);
    if (!seen || new Date(e.createdAt) > new Date(seen.createdAt)) latest.set(key, e);
  }
  const score = (e: StandingRow, metric: string) => e.metrics[metric] ?? -Infinity;
  const ranked = [...latest.values()].sort(
    (a, b) => score(b, 'ndcg10') - score(a, 'ndcg10') || score(b, 'recall100') - score(a, 'recall100') || new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime(),
  );
  // the first line is "best" only when it beats the second on nDCG@10 (as shown, to three decimals)
  const [first, second] = ranked;
  const best = !!first && !!second && formatScore(score(first, 'ndcg10')) !== formatScore(score(second, 'ndcg10')) && score(first, 'ndcg10') > score(second, 'ndcg10');
  return { ranked, best, running: evaluations.filter((e) => e.status === 'running') };
}
