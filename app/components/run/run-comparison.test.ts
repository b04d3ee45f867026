import { describe, expect, it } from 'vitest';
import { compareNodeRuns, type ComparedNodeRun } from './run-comparison';

const row = (nodeId: string, output: unknown, extra: Partial<ComparedNodeRun> = {}): ComparedNodeRun => ({
  nodeId,
  nodeType: `t.${nodeId}`,
  attempt: 1,
  status: 'succeeded',
  startedAt: '2026-11-28T00:00:00.000Z',
  finishedAt: '2026-11-28T00:00:00.040Z',
  outputPreview: output,
  ...extra,
});

describe('compareNodeRuns', () => {
  it('pairs each node\'s last attempt in both runs and says whether its output changed', () => {
    const a = [row('query', { q: 'x' }), row('retrieve', ['p1', 'p2']), row('answer', 'old')];
    const b = [
      row('query', { q: 'x' }),
      row('retrieve', ['p1', 'p2'], { attempt: 1, status: 'failed', outputPreview: null }),
      row('retrieve', ['p1', 'p2'], { attempt: 2, finishedAt: '2026-11-28T00:00:00.100Z' }),
      row('rerank', ['p2', 'p1']),
      row('answer', 'new'),
    ];
    const rows = compareNodeRuns(a, b, ['query', 'retrieve', 'rerank', 'answer']);
    expect(rows.map((r) => [r.nodeId, r.sameOutput])).toEqual([
      ['query', true],
      ['retrieve', true],
      ['rerank', false],
      ['answer', false],
    ]);
    expect(rows[1]!.b).toEqual({ status: 'succeeded', attempts: 2, durationMs: 100, outputPreview: ['p1', 'p2'] });
    expect(rows[1]!.a!.durationMs).toBe(40);
    expect(rows[2]!.a).toBeNull(); // only the second run has a reranker
  });

  it('keeps nodes the order does not name, and leaves out named nodes neither run reached', () => {
    const rows = compareNodeRuns([row('x', 1)], [row('y', 2, { startedAt: null })], ['ghost', 'x']);
    expect(rows.map((r) => r.nodeId)).toEqual(['x', 'y']);
    expect(rows[1]!.b!.durationMs).toBeNull();
  });
});
