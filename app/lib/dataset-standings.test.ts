import { describe, expect, it } from 'vitest';
import { datasetStandings, type StandingRow } from './dataset-standings';

let n = 0;
function row(versionId: string, ndcg10: number, extra: Partial<StandingRow> = {}): StandingRow {
  n++;
  return {
    id: `e${n}`,
    graphId: 'g',
    graphName: 'graph',
    versionId,
    versionNumber: Number(versionId.slice(1)),
    collection: 'docs',
    status: 'succeeded',
    queries: 10,
    done: 10,
    failed: 0,
    metrics: { ndcg10, recall100: 0.5 },
    createdAt: new Date(Date.UTC(2026, 10, 1, 0, n)),
    ...extra,
  };
}

describe('datasetStandings', () => {
  it('ranks each version’s latest finished scores per collection, best nDCG@10 first', () => {
    const old = row('v1', 0.9);
    const newer = row('v1', 0.4); // v1 scored again later: its latest counts
    const v2 = row('v2', 0.6);
    const v2Elsewhere = row('v2', 0.7, { collection: 'other' });
    const failed = row('v3', 0, { status: 'failed', metrics: {} });
    const running = row('v4', 0, { status: 'running', metrics: {} });
    const { ranked, running: active } = datasetStandings([running, failed, v2Elsewhere, v2, newer, old]);
    expect(ranked.map((e) => e.id)).toEqual([v2Elsewhere.id, v2.id, newer.id]);
    expect(active).toEqual([running]);
    expect(datasetStandings([v2Elsewhere, v2]).best).toBe(true);
    // a lone line, or a tie as shown, has no best
    expect(datasetStandings([v2]).best).toBe(false);
    expect(datasetStandings([row('v1', 0.7001), row('v2', 0.7004)]).best).toBe(false);
  });

  it('breaks a tie on nDCG@10 by Recall@100, then by the newer evaluation', () => {
    const a = row('v1', 0.5, { metrics: { ndcg10: 0.5, recall100: 0.8 } });
    const b = row('v2', 0.5, { metrics: { ndcg10: 0.5, recall100: 0.9 } });
    const c = row('v3', 0.5, { metrics: { ndcg10: 0.5, recall100: 0.9 } });
    // a harness may record other metrics only: those rank last
    const d = row('v4', 0, { metrics: { map: 0.7 } });
    expect(datasetStandings([a, b, c, d]).ranked.map((e) => e.id)).toEqual([c.id, b.id, a.id, d.id]);
  });
});
