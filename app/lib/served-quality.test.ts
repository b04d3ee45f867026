import { describe, expect, it } from 'vitest';
import type { EvaluationRow } from './evaluation-scores';
import { servedQuality } from './served-quality';

let n = 0;
function evaluation(versionNumber: number, dataset: string, ndcg10: number | null, extra: Partial<EvaluationRow> = {}): EvaluationRow {
  n += 1;
  return {
    id: `e${n}`,
    graphVersionId: `v${versionNumber}`,
    versionNumber,
    dataset,
    datasetId: `d-${dataset}`,
    collection: 'docs',
    queries: 10,
    failed: 0,
    status: ndcg10 === null ? 'running' : 'succeeded',
    done: ndcg10 === null ? 4 : 10,
    error: null,
    metrics: ndcg10 === null ? {} : { ndcg10, recall100: 0.9 },
    createdAt: new Date(2026, 10, 26, 12, 0, 100 - n),
    ...extra,
  };
}

describe('servedQuality', () => {
  it('puts the latest scores of main and canary side by side per dataset, with the canary’s change', () => {
    // newest first
    const list = [
      evaluation(3, 'scifact', 0.71),
      evaluation(2, 'scifact', 0.69),
      evaluation(2, 'scifact', 0.6), // an older evaluation of main: not its latest
      evaluation(1, 'scifact', 0.9), // neither served version
      evaluation(2, 'nfcorpus', 0.3),
    ];
    const { rows, running } = servedQuality(list, 2, 3);
    expect(running).toEqual([]);
    expect(rows.map((r) => [r.dataset, r.main?.version, r.main?.metrics.ndcg10, r.canary?.version, r.canary?.metrics.ndcg10])).toEqual([
      ['nfcorpus', 2, 0.3, undefined, undefined],
      ['scifact', 2, 0.69, 3, 0.71],
    ]);
    expect(rows[1]!.delta!.ndcg10).toBeCloseTo(0.02, 10);
    expect(rows[1]!.delta!.recall100).toBe(0);
    expect(rows[0]!.delta).toBeUndefined();
  });

  it('lists what is running and leaves out failed and cancelled evaluations', () => {
    const list = [
      evaluation(3, 'scifact', null),
      evaluation(2, 'scifact', 0.5, { status: 'failed' }),
      evaluation(2, 'scifact', 0.5, { status: 'cancelled' }),
      evaluation(4, 'scifact', null), // not served
    ];
    const { rows, running } = servedQuality(list, 2, 3);
    expect(rows).toEqual([]);
    expect(running.map((e) => e.versionNumber)).toEqual([3]);
  });

  it('without a canary, shows main alone; a collection is its own row', () => {
    const list = [evaluation(2, 'scifact', 0.7), evaluation(2, 'scifact', 0.65, { collection: 'scifact-small' })];
    const { rows } = servedQuality(list, 2, null);
    expect(rows.map((r) => [r.collection, r.main?.metrics.ndcg10, r.canary])).toEqual([
      ['docs', 0.7, undefined],
      ['scifact-small', 0.65, undefined],
    ]);
  });
});
