import { describe, expect, it } from 'vitest';
import { activityByVersion, compareQueries, formatDelta, formatScore, scoresByVersion, type EvaluationRow } from './evaluation-scores';

const row = (id: string, version: number, metrics: Record<string, number>, extra: Partial<EvaluationRow> = {}): EvaluationRow => ({
  id,
  graphVersionId: `v${version}`,
  versionNumber: version,
  dataset: 'scifact train',
  datasetId: null,
  collection: 'scifact',
  queries: 809,
  failed: 0,
  status: 'succeeded',
  done: 809,
  error: null,
  metrics,
  createdAt: new Date('2026-11-26T12:00:00Z'),
  ...extra,
});

describe('scores by version', () => {
  it('keeps the latest evaluation per version and dataset, and measures each metric against the nearest older scored version', () => {
    const scores = scoresByVersion([
      row('e4', 4, { ndcg10: 0.71, custom: 2, recall100: 0.93 }),
      row('e3-new', 3, { ndcg10: 0.7 }),
      row('e3-old', 3, { ndcg10: 0.5 }),
      row('e1', 1, { ndcg10: 0.69, recall100: 0.915 }),
    ]);
    expect(scores.get('v2')).toBeUndefined();
    expect(scores.get('v3')).toEqual([
      expect.objectContaining({ evaluationId: 'e3-new', base: { evaluationId: 'e1', versionNumber: 1 }, metrics: [{ name: 'ndcg10', label: 'nDCG@10', value: 0.7, delta: expect.closeTo(0.01, 9), since: 1 }] }),
    ]);
    const v4 = scores.get('v4')![0]!;
    // known metrics first, in their order; a metric the older version lacks has no change
    expect(v4.metrics.map((m) => [m.label, m.since])).toEqual([
      ['nDCG@10', 3],
      ['Recall@100', undefined],
      ['custom', undefined],
    ]);
    expect(scores.get('v1')![0]!.metrics.every((m) => m.delta === undefined)).toBe(true);
  });

  it('compares only evaluations of the same dataset and collection', () => {
    const scores = scoresByVersion([
      row('b', 2, { ndcg10: 0.4 }, { dataset: 'nfcorpus test' }),
      row('c', 2, { ndcg10: 0.6 }, { collection: 'scifact-big' }),
      row('a', 1, { ndcg10: 0.69 }),
    ]);
    expect(scores.get('v2')!.map((s) => [s.dataset, s.collection, s.metrics[0]!.delta])).toEqual([
      ['nfcorpus test', 'scifact', undefined],
      ['scifact train', 'scifact-big', undefined],
    ]);
  });

  it('scores only finished evaluations, and shows what runs or failed last beside them', () => {
    const rows = [
      row('running', 2, {}, { status: 'running', done: 10 }),
      row('failed-then-nothing', 2, {}, { status: 'failed', error: 'every query failed', dataset: 'nfcorpus test' }),
      row('cancelled', 1, {}, { status: 'cancelled' }),
      row('ok', 1, { ndcg10: 0.6 }),
      row('failed-before-ok', 1, {}, { status: 'failed', error: 'old' }),
    ];
    const scores = scoresByVersion(rows);
    expect([...scores.keys()]).toEqual(['v1']);
    expect(scores.get('v1')!.map((s) => s.evaluationId)).toEqual(['ok']);
    const activity = activityByVersion(rows);
    expect(activity.get('v2')!.map((e) => e.id)).toEqual(['running', 'failed-then-nothing']);
    // a cancel hides nothing older, but a success does
    expect(activity.get('v1')).toBeUndefined();
  });

  it('formats scores and signed changes', () => {
    expect(formatScore(0.69351)).toBe('0.694');
    expect(formatScore(12.34567)).toBe('12.346');
    expect(formatDelta(0.0123)).toBe('+0.012');
    expect(formatDelta(-0.0123)).toBe('−0.012');
    expect(formatDelta(0.0001)).toBe('±0.000');
  });
});

describe('queries compared between two evaluations', () => {
  const q = (id: string, ndcg10: number) => ({ id, text: `query ${id}`, runId: null, ndcg10, recall100: 1, mrr10: 1 });

  it('lists the biggest drops first, then the gains, and counts each kind', () => {
    const { rows, worse, better, same } = compareQueries([q('a', 0.5), q('b', 1), q('c', 0.2), q('d', 0.9), q('new', 0.4)], [q('a', 0.5), q('b', 0.6), q('c', 0.9), q('d', 1)]);
    expect(rows.map((r) => [r.id, r.delta === undefined ? undefined : Math.round(r.delta * 100) / 100])).toEqual([
      ['c', -0.7],
      ['d', -0.1],
      ['a', 0],
      ['new', undefined],
      ['b', 0.4],
    ]);
    expect({ worse, better, same }).toEqual({ worse: 2, better: 1, same: 1 });
    expect(rows.find((r) => r.id === 'c')).toMatchObject({ ndcg10: 0.2, baseNdcg10: 0.9 });
  });

  it('without an older evaluation, lists the weakest queries first', () => {
    const { rows, worse, better, same } = compareQueries([q('a', 0.5), q('b', 0.1), q('c', 1)]);
    expect(rows.map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect({ worse, better, same }).toEqual({ worse: 0, better: 0, same: 0 });
  });
});
